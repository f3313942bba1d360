/** Steps shared by the approval tests: open a request as the requester and read what its card carries. */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { VERBS } from '../../src/cards';
import { findAction } from '../cards/validateCard';
import { BotHarness, cardOf } from './harness';
import { REQUESTER, TeamsUser } from './people';
import type { ConversationKind } from './conversations';

export interface OpenedRequest {
  requestId: string;
  planHash: string;
  /** Exactly the Approve button's data. */
  approveData: { requestId: string; planHash: string };
  preview: Record<string, unknown>;
  requestCard: Record<string, unknown>;
  requestCardActivity: Partial<Activity>;
}

export function approveDataOf(card: Record<string, unknown>): { requestId: string; planHash: string } {
  const approve = findAction(card, { verb: VERBS.approve });
  assert.ok(approve, 'the request card has an Approve action');
  return approve.data as { requestId: string; planHash: string };
}

export async function openRequest(
  bot: BotHarness,
  subscription = '"Contoso Prod"',
  requester: TeamsUser = REQUESTER,
  kind: ConversationKind = 'personal',
): Promise<OpenedRequest> {
  const replies = await bot.send(`enable ${subscription}`, requester, kind);
  assert.equal(replies.length, 2, `expected a preview and a request card, got ${replies.length}`);
  const requestCard = cardOf(replies[1]);
  const { requestId, planHash } = approveDataOf(requestCard);
  return { requestId, planHash, approveData: { requestId, planHash }, preview: cardOf(replies[0]), requestCard, requestCardActivity: replies[1] };
}

/** PUTs the simulator received: the only way anything changes in "Azure". */
export function pricingPuts(bot: BotHarness): string[] {
  return bot.simulator.writes().map((write) => `${write.method} ${write.path}`);
}
