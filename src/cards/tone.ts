/** Tone → Adaptive Card colours and container styles, in one place so every card colours alike. */
import { Tone } from './types';

export function toneColor(tone: Tone): 'Good' | 'Warning' | 'Attention' | 'Default' {
  const colors = { good: 'Good', warning: 'Warning', attention: 'Attention', default: 'Default' } as const;
  return colors[tone];
}

export function toneContainerStyle(tone: Tone): 'good' | 'warning' | 'attention' | 'emphasis' {
  return tone === 'default' ? 'emphasis' : tone;
}
