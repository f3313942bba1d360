/** The ids a Teams conversation goes by, for matching it against configured ones (allowed conversations, approvers' channel). */
import type { TurnContext } from 'botbuilder';

/** "19:x@thread.tacv2;messageid=1" → "19:x@thread.tacv2": a channel's thread ids all name the same channel. */
export function channelPartOf(conversationId: string): string {
  return conversationId.split(';')[0];
}

/** Every id this turn's conversation goes by: its id, the channel part of a thread id, and Teams' channel id. */
export function conversationIdsOf(context: TurnContext): string[] {
  const activity = context.activity;
  const channelData = activity.channelData as { channel?: { id?: string }; teamsChannelId?: string } | undefined;
  const conversationId = activity.conversation?.id ?? '';
  return [conversationId, channelPartOf(conversationId), channelData?.channel?.id ?? '', channelData?.teamsChannelId ?? ''].filter(Boolean);
}
