/**
 * DEFENDER_ALLOWED_CONVERSATIONS: `enable` and approvals work only in these conversations or channels
 * (status and list work everywhere). Mirrors AWS Chatbot's per-channel guardrails.
 */
import type { TurnContext } from 'botbuilder';
import { buildMessageCard } from '../../cards';
import { conversationIdsOf } from '../host/conversationIds';

export function isChangeAllowedHere(context: TurnContext, allowedConversations: string[] | undefined): boolean {
  if (!allowedConversations) return true;
  return conversationIdsOf(context).some((id) => allowedConversations.includes(id));
}

export function changeNotAllowedHereCard() {
  return buildMessageCard({
    tone: 'warning',
    title: 'Not in this conversation',
    message: 'Enabling and approving are allowed only in the conversations your admins chose; status and list work everywhere.',
    nextStep: 'Ask in the approved channel, or ask an admin to add this one to DEFENDER_ALLOWED_CONVERSATIONS.',
  });
}
