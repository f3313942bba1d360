/**
 * Validates card JSON with the official `adaptivecards` object model, plus this project's rules.
 * Exported for bot tests: `validateAdaptiveCard(card)` returns every problem found; [] means valid.
 */
import { JSDOM } from 'jsdom';

// adaptivecards touches window/document when loaded; give it a DOM before requiring it.
const dom = new JSDOM('<!doctype html><html><body></body></html>');
const globals = globalThis as Record<string, unknown>;
globals.window ??= dom.window;
globals.document ??= dom.window.document;
globals.HTMLElement ??= dom.window.HTMLElement;
const AdaptiveCards = require('adaptivecards') as typeof import('adaptivecards');

import { cardSizeInUtf16Bytes, MAX_CARD_UTF16_BYTES } from '../../src/cards/cardSize';
import { cardText as readCardText } from '../support/cardText';

export { MAX_CARD_UTF16_BYTES } from '../../src/cards/cardSize';

export type CardJson = Record<string, unknown>;

export function validateAdaptiveCard(card: CardJson): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${String(card.type)}, expected AdaptiveCard`);
  if (card.version !== '1.5') problems.push(`version is ${String(card.version)}, expected 1.5`);
  if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') problems.push('missing $schema');
  const size = cardSizeInUtf16Bytes(card);
  if (size > MAX_CARD_UTF16_BYTES) problems.push(`card is ${size} bytes in UTF-16, over ${MAX_CARD_UTF16_BYTES}`);

  const parsed = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  parsed.parse(card, context);
  for (let index = 0; index < context.eventCount; index++) {
    problems.push(`parse: ${context.getEventAt(index).message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  problems.push(...universalActionProblems(card));
  return problems;
}

/** A card's size as Teams measures it: UTF-16 code units of its JSON, two bytes each. */
export function cardBytes(card: CardJson): number {
  return cardSizeInUtf16Bytes(card);
}

/** Every action in the card: top-level, inside ShowCards and containers, and the refresh action. */
export function collectActions(node: unknown, found: CardJson[] = []): CardJson[] {
  if (Array.isArray(node)) {
    for (const item of node) collectActions(item, found);
  } else if (node && typeof node === 'object') {
    const record = node as CardJson;
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) found.push(record);
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'fallback') collectActions(value, found);
    }
  }
  return found;
}

/** Every Action.Execute (bar the refresh action) needs a verb and an Action.Submit fallback with the same data + verb. */
function universalActionProblems(card: CardJson): string[] {
  const refreshAction = (card.refresh as CardJson | undefined)?.action;
  const problems: string[] = [];
  for (const action of collectActions(card)) {
    if (action.type === 'Action.Submit') problems.push(`"${String(action.title)}" is an Action.Submit; use Action.Execute`);
    if (action.type !== 'Action.Execute') continue;
    if (typeof action.verb !== 'string' || !action.verb) problems.push(`"${String(action.title)}" has no verb`);
    if (action === refreshAction) continue;
    const fallback = action.fallback as CardJson | undefined;
    const expected = JSON.stringify({ ...(action.data as object), verb: action.verb });
    if (fallback?.type !== 'Action.Submit' || JSON.stringify(fallback.data) !== expected) {
      problems.push(`"${String(action.title)}" lacks an Action.Submit fallback carrying its data and verb`);
    }
  }
  return problems;
}

/** Template placeholders that expansion left behind (a view model missed a field). */
export function findUnresolvedPlaceholders(card: CardJson): string[] {
  return JSON.stringify(card).match(/\$\{[^}]*\}/g) ?? [];
}

/** All visible text, one line per element (facts as "title: value"), for exact-line assertions: test/support's reading. */
export function cardText(card: unknown): string[] {
  return readCardText(card).split('\n');
}

/** Find the first action with this verb (or title), for asserting its data. */
export function findAction(card: CardJson, match: { verb?: string; title?: string }): CardJson | undefined {
  return collectActions(card).find(
    (action) => (match.verb === undefined || action.verb === match.verb) && (match.title === undefined || action.title === match.title),
  );
}

/** Texts a client renders as markdown: TextBlocks and facts (a TextRun renders none), for injection assertions. */
export function markdownTexts(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => markdownTexts(item, found));
  else if (node && typeof node === 'object') {
    const record = node as CardJson;
    if (record.type === 'TextBlock' && typeof record.text === 'string') found.push(record.text);
    if (record.type === 'FactSet') for (const fact of record.facts as Array<{ title: string; value: string }>) found.push(fact.title, fact.value);
    for (const [key, value] of Object.entries(record)) if (key !== 'fallback') markdownTexts(value, found);
  }
  return found;
}
