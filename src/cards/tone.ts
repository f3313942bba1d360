/** Tone → Adaptive Card colours and container styles, in one place so every card colours alike. */
import { Tone } from './types';

export function toneColor(tone: Tone): 'Good' | 'Warning' | 'Attention' | 'Default' {
  const colors = { good: 'Good', warning: 'Warning', attention: 'Attention', default: 'Default' } as const;
  return colors[tone];
}

export function toneContainerStyle(tone: Tone): 'good' | 'warning' | 'attention' | 'emphasis' {
  return tone === 'default' ? 'emphasis' : tone;
}

/**
 * Text on a container already styled with the tone. A good or warning container speaks for itself, and some
 * hosts' good and warning text colours (light green, bright yellow in the Agents Playground) are faint on
 * their own backgrounds. Attention keeps its red: it reads, and it must stand out.
 */
export function bannerTextColor(tone: Tone): 'Good' | 'Warning' | 'Attention' | 'Default' {
  return tone === 'attention' ? 'Attention' : 'Default';
}
