/** Activities as Teams sends them in a personal chat, a group chat and a channel (where the bot is @mentioned). */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { TENANT_ID, TeamsUser } from './people';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';
export const CONVERSATION_KINDS: ConversationKind[] = ['personal', 'groupChat', 'channel'];

export const BOT = { id: '28:defender-bot', name: 'defender' };
export const CHANNEL_ID = '19:approvals@thread.tacv2';

function conversationFor(kind: ConversationKind, user: TeamsUser) {
  switch (kind) {
    case 'personal':
      return { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: TENANT_ID };
    case 'groupChat':
      return { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT_ID };
    case 'channel':
      return { id: `${CHANNEL_ID};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID };
  }
}

function base(kind: ConversationKind, user: TeamsUser): Partial<Activity> {
  return {
    // Unique like Teams' own: the bot drops a second delivery of an id it has seen (guards/redeliveryGuard.ts).
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.invalid/teams/',
    from: { id: user.id, name: user.name, ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) },
    recipient: { ...BOT },
    conversation: conversationFor(kind, user) as Activity['conversation'],
    channelData: {
      tenant: { id: TENANT_ID },
      ...(kind === 'channel' ? { channel: { id: CHANNEL_ID }, team: { id: '19:team@thread.tacv2' } } : {}),
    },
  };
}

/** A message; in group chats and channels Teams only delivers it when it @mentions the bot. */
export function messageActivity(text: string, user: TeamsUser, kind: ConversationKind = 'personal'): Partial<Activity> {
  if (kind === 'personal') return { ...base(kind, user), type: 'message', text };
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(kind, user),
    type: 'message',
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', mentioned: { ...BOT }, text: mention }],
  };
}

/** An Action.Execute click, as Teams sends it: an adaptiveCard/action invoke. */
export function actionExecuteActivity(
  verb: string,
  data: unknown,
  user: TeamsUser,
  kind: ConversationKind = 'personal',
  cardActivityId = 'card-1',
): Partial<Activity> {
  return {
    ...base(kind, user),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardActivityId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The Action.Submit fallback of clients below card schema 1.5: a message with a value and no text. */
export function actionSubmitActivity(data: Record<string, unknown>, user: TeamsUser, kind: ConversationKind = 'personal'): Partial<Activity> {
  return { ...base(kind, user), type: 'message', value: data };
}
