/** Card actions: every one an Action.Execute with an Action.Submit fallback for clients below schema 1.4. */
import { ActionJson } from './types';
import { Verb } from './verbs';

export type ActionData = Record<string, string | number>;

export interface ExecuteActionOptions {
  title: string;
  verb: Verb;
  data: ActionData;
  style?: 'positive' | 'destructive';
  /** 'auto' sends the card's inputs (the Reject reason); 'none' keeps stray inputs out of approve/cancel. */
  associatedInputs?: 'auto' | 'none';
}

export function executeAction(options: ExecuteActionOptions): ActionJson {
  const { title, verb, data, style, associatedInputs } = options;
  const styled = style ? { style } : {};
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...styled,
    ...(associatedInputs ? { associatedInputs } : {}),
    // teams-ai routes an Action.Submit by `data.verb`, so the fallback carries the verb inside its data.
    fallback: { type: 'Action.Submit', title, data: { ...data, verb }, ...styled },
  };
}

/** An action that opens a card inline (e.g. Reject → reason input + send). */
export function showCardAction(title: string, body: object[], actions: ActionJson[]): ActionJson {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body, actions } };
}

/** Only https links go on a card: a link from data must not become `javascript:` or similar. */
export function openUrlAction(title: string, url: string): ActionJson | undefined {
  return /^https:\/\//i.test(url) ? { type: 'Action.OpenUrl', title, url } : undefined;
}
