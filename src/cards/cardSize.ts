/**
 * Teams limits a bot message to 100 KB of UTF-16 text and advises staying under 80 KB. A JavaScript string's length
 * counts UTF-16 code units, so a card's size is its JSON's length, two bytes each. Every card is built to fit (tests
 * build each one at its worst case); fitForTeams() is the last guard, so an oversized card is never silently dropped.
 */
import type { AdaptiveCardJson } from './types';
import { buildMessageCard } from './messageCard';

export const MAX_CARD_UTF16_BYTES = 80 * 1024;

export function cardSizeInUtf16Bytes(card: AdaptiveCardJson): number {
  return JSON.stringify(card).length * 2;
}

/** The card, or, if it is over the limit, a short card that says so instead of one Teams would refuse. */
export function fitForTeams(card: AdaptiveCardJson): AdaptiveCardJson {
  if (cardSizeInUtf16Bytes(card) <= MAX_CARD_UTF16_BYTES) return card;
  return buildMessageCard({
    tone: 'warning',
    title: 'Too much to show in one card',
    message: `This answer came to ${Math.ceil(cardSizeInUtf16Bytes(card) / 1024)} KB, over the ${MAX_CARD_UTF16_BYTES / 1024} KB Teams allows a card.`,
    nextStep: 'Narrow it down (one subscription, for example) and ask again.',
  });
}
