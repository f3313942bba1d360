/** Bot Framework activities as Teams would POST them to /api/messages, from the demo people. */
import { randomUUID } from 'node:crypto';
import { DEMO_APPROVERS, DEMO_REQUESTER } from '../../../src/config/demoUsers';

export const REQUESTER = { id: '29:alex', name: DEMO_REQUESTER.name, aadObjectId: DEMO_REQUESTER.aadObjectId };
export const APPROVERS = DEMO_APPROVERS.map((person, index) => ({ id: `29:approver-${index}`, name: person.name, aadObjectId: person.aadObjectId }));
const BOT = { id: '28:defender-bot', name: 'defender' };

type Person = typeof REQUESTER;

function base(serviceUrl: string, conversationId: string, from: Person) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'personal' },
    channelData: { tenant: { id: '00000000-0000-4000-8000-0000000000aa' } },
  };
}

export function message(serviceUrl: string, conversationId: string, from: Person, text: string) {
  return { ...base(serviceUrl, conversationId, from), type: 'message', text };
}

/** An Action.Execute click on the card with `replyToId`. */
export function actionExecute(serviceUrl: string, conversationId: string, from: Person, verb: string, data: unknown, replyToId: string) {
  return { ...base(serviceUrl, conversationId, from), type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
}

export async function post(botUrl: string, activity: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The first Action.Execute with this verb anywhere in a card (or any JSON). */
export function findExecuteAction(node: unknown, verb: string): { data: unknown } | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findExecuteAction(item, verb);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && record.verb === verb) return record as { data: unknown };
    for (const value of Object.values(record)) {
      const found = findExecuteAction(value, verb);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every text on a card, joined, for assertions on what a person reads. */
export function textOf(node: unknown): string {
  if (Array.isArray(node)) return node.map(textOf).join('\n');
  if (node && typeof node === 'object') {
    return Object.entries(node as Record<string, unknown>)
      .map(([key, value]) => ((key === 'text' || key === 'title') && typeof value === 'string' ? value : textOf(value)))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}
