/** `history [sub]`: recent audit entries, compact, newest first, capped. */
import template from './templates/history.json';
import { expandTemplate } from './expand';
import { HistoryCardModel, HistoryEntry } from './models';
import { escapeMarkdown, formatUtc, plural } from './text';
import { toneColor } from './tone';
import { AdaptiveCardJson, Tone } from './types';

/** Twenty entries read at a glance and keep the card well under Teams' size limit. */
export const HISTORY_MAX_ENTRIES = 20;

/** Colour by what happened: endings that need a look stand out. */
export function actionTone(action: string): Tone {
  const normalised = action.toLowerCase();
  if (/fail|reject/.test(normalised)) return 'attention';
  if (/expire|stale|cancel/.test(normalised)) return 'warning';
  if (/succe/.test(normalised)) return 'good';
  return 'default';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function entryView(entry: HistoryEntry) {
  const subscription = entry.subscriptionName || entry.subscriptionId;
  const headline = [capitalise(escapeMarkdown(entry.action, 40)), subscription ? escapeMarkdown(subscription, 160) : undefined].filter(Boolean).join(' · ');
  const detail = [formatUtc(entry.at), `by ${escapeMarkdown(entry.actor, 60)}`, entry.requestId ? escapeMarkdown(entry.requestId, 40) : undefined]
    .filter(Boolean)
    .join(' · ');
  return {
    headline,
    color: toneColor(actionTone(entry.action)),
    detail,
    hasOutcome: Boolean(entry.outcome),
    outcome: escapeMarkdown(entry.outcome, 200),
  };
}

export function historyCardView(model: HistoryCardModel) {
  const maxEntries = Math.max(1, model.maxEntries ?? HISTORY_MAX_ENTRIES);
  const shown = model.entries.slice(0, maxEntries);
  const scope = model.subscriptionName ? ` · ${escapeMarkdown(model.subscriptionName, 160)}` : '';
  return {
    title: `History${scope}`,
    entries: shown.map(entryView),
    footer: shown.length === 0 ? 'No history yet: nothing has been requested.' : `Showing the last ${plural(shown.length, 'entry', 'entries')}, newest first.`,
  };
}

export function buildHistoryCard(model: HistoryCardModel): AdaptiveCardJson {
  return expandTemplate(template, historyCardView(model));
}
