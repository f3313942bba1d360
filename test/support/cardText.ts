/**
 * Reading Adaptive Cards in tests: the text a person reads, and the Action.Execute buttons they can click. One copy
 * for every test (bot, scale, connector fake), so "what the card says" means the same thing everywhere.
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Every text a person would read on a card, one line each, joined by new lines: text, titles and values, and a
 * FactSet fact as "title: value" (as a person reads the row). Split on '\n' for the lines.
 */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const isFact = typeof record.title === 'string' && typeof record.value === 'string' && record.type === undefined;
      if (isFact) {
        texts.push(`${record.title}: ${record.value}`);
        return;
      }
      for (const [key, value] of Object.entries(record)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') texts.push(value);
        else if (key !== 'fallback') visit(value);
      }
    }
  };
  visit(card);
  return texts.join('\n');
}

export interface ExecuteAction {
  type: 'Action.Execute';
  verb: string;
  title?: string;
  data?: unknown;
}

/** The first Action.Execute with this verb anywhere in a card (or any JSON), or undefined. */
export function findExecuteAction(node: unknown, verb: string): ExecuteAction | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findExecuteAction(item, verb);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && record.verb === verb) return record as unknown as ExecuteAction;
    for (const value of Object.values(record)) {
      const found = findExecuteAction(value, verb);
      if (found) return found;
    }
  }
  return undefined;
}

/** The Adaptive Card an activity carries (its first adaptive attachment), or undefined. */
export function adaptiveCardOf(activity: unknown): Record<string, unknown> | undefined {
  const attachments = (activity as { attachments?: Array<{ contentType?: string; content?: unknown }> } | undefined)?.attachments;
  const card = attachments?.find((attachment) => attachment.contentType === ADAPTIVE_CARD_CONTENT_TYPE)?.content;
  return card && typeof card === 'object' ? (card as Record<string, unknown>) : undefined;
}
