/** A card as plain JSON, ready for CardFactory.adaptiveCard() or an invoke response. */
export type AdaptiveCardJson = Record<string, unknown>;

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** The highest schema version Teams renders. */
export const CARD_VERSION = '1.5';

/** Colour-coded meaning, mapped onto TextBlock colours and Container styles. */
export type Tone = 'good' | 'warning' | 'attention' | 'default';

export interface ActionJson {
  type: string;
  title: string;
  [key: string]: unknown;
}
