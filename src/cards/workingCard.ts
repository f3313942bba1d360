/** A small "Working on it…" card, posted while a long call runs and later replaced in place. */
import template from './templates/working.json';
import { expandTemplate } from './expand';
import { escapeMarkdown } from './text';
import { AdaptiveCardJson } from './types';

/** `what` says what is running, e.g. "Reading 42 subscriptions"; it may contain a subscription name. */
export function buildWorkingCard(what: string): AdaptiveCardJson {
  return expandTemplate(template, {
    headline: 'Working on it…',
    detail: escapeMarkdown(what, 200),
  });
}
