/**
 * Activities as Teams delivers them to a bot: channelId msteams, the fake's serviceUrl, the sender's MRI and Entra
 * object id, the conversation with its type and tenant, channelData.tenant (and channel and team in channels), and
 * in group chats and channels the @mention of the bot Teams requires before it delivers a message at all.
 */
import { randomUUID } from 'node:crypto';
import type { ActivityBody } from './messages';
import type { Conversation, Person } from './roster';

export interface BotAccount {
  id: string;
  name: string;
}

export interface ActivityContext {
  serviceUrl: string;
  tenantId: string;
  bot: BotAccount;
}

export type InvokeTrigger = 'manual' | 'automatic';

/** An activity Teams delivers: every one has its own id (a redelivery repeats it). */
export type TeamsActivity = ActivityBody & { id: string; type: string };

function base(context: ActivityContext, person: Person, conversation: Conversation): ActivityBody & { id: string } {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    timestamp: now,
    localTimestamp: now,
    channelId: 'msteams',
    serviceUrl: context.serviceUrl,
    from: { id: person.mri, name: person.name, aadObjectId: person.aadObjectId },
    recipient: { ...context.bot },
    conversation: {
      id: conversation.id,
      conversationType: conversation.kind,
      tenantId: context.tenantId,
      ...(conversation.kind === 'personal' ? {} : { isGroup: true }),
    },
    channelData: {
      tenant: { id: context.tenantId },
      ...(conversation.kind === 'channel' ? { channel: { id: conversation.channelId }, team: { ...conversation.team } } : {}),
    },
    locale: 'en-US',
  };
}

/** A message; in group chats and channels its text starts with the bot's @mention, with the mention entity. */
export function messageActivity(context: ActivityContext, person: Person, conversation: Conversation, text: string): TeamsActivity {
  if (conversation.kind === 'personal') return { ...base(context, person, conversation), type: 'message', text, textFormat: 'plain' };
  const mention = `<at>${context.bot.name}</at>`;
  return {
    ...base(context, person, conversation),
    type: 'message',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', mentioned: { ...context.bot }, text: mention }],
  };
}

/** An Action.Execute on the card of message `messageId`: a click (manual) or a refresh (automatic). */
export function actionExecuteActivity(
  context: ActivityContext,
  person: Person,
  conversation: Conversation,
  action: { messageId: string; verb: string; data: unknown; trigger: InvokeTrigger },
): TeamsActivity {
  return {
    ...base(context, person, conversation),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: action.messageId,
    value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: action.trigger },
  };
}

/**
 * A click on an Action.Submit, which clients below card schema 1.4 render in place of an Action.Execute's `fallback`:
 * a message with no text whose `value` is the button's data, replying to the card's message. No invoke, no mention.
 */
export function submitActivity(context: ActivityContext, person: Person, conversation: Conversation, action: { messageId: string; data: unknown }): TeamsActivity {
  return { ...base(context, person, conversation), type: 'message', replyToId: action.messageId, value: action.data };
}
