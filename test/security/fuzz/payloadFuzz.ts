/**
 * Fuzzes card actions (Action.Execute invokes and Action.Submit fallbacks) against a real open request.
 * The one combination that is allowed to write — an approver sending the exact valid approval — is turned into
 * a self-approval by the requester, so every run must end with zero ARM writes.
 */
import fc from 'fast-check';
import type { Activity } from 'botbuilder';
import { VERBS } from '../../../src/cards';
import { isKnownVerb, payloadProblem } from '../../../src/bot/guards/actionPayloads';
import { actionExecuteActivity, actionSubmitActivity } from '../../bot/conversations';
import { REQUESTER, type TeamsUser } from '../../bot/people';
import { openRequest } from '../../bot/requestFlow';
import { APPROVER_USERS, FUZZ_USERS, type FuzzBot } from './fuzzBot';
import { mutatedPayload } from './payloads';

function wouldApprove(verb: unknown, data: unknown, user: TeamsUser, open: { requestId: string; planHash: string }): boolean {
  if (verb !== VERBS.approve || !APPROVER_USERS.has(user.id) || !isKnownVerb(verb) || payloadProblem(verb, data)) return false;
  const { requestId, planHash } = data as { requestId: string; planHash: string };
  return requestId === open.requestId && planHash === open.planHash;
}

function activityFor(verb: unknown, data: unknown, user: TeamsUser, submit: boolean): Partial<Activity> {
  if (!submit) {
    const activity = actionExecuteActivity('placeholder', data, user);
    return { ...activity, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
  }
  // The Action.Submit fallback carries the verb inside the data object, as older clients send it.
  const value = data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...(data as object), verb } : { verb, data };
  return actionSubmitActivity(value as Record<string, unknown>, user);
}

export async function fuzzPayloads(fuzz: FuzzBot, options: { numRuns: number; seed?: number }): Promise<void> {
  const open = (await openRequest(fuzz.bot)).approveData;
  await fc.assert(
    fc.asyncProperty(mutatedPayload(open), fc.constantFrom(...FUZZ_USERS), fc.boolean(), async ({ verb, data }, user, submit) => {
      const actor = wouldApprove(verb, data, user, open) ? REQUESTER : user;
      await fuzz.turn(activityFor(verb, data, actor, submit), true);
    }),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
  );
  await fuzz.assertInvariants();
}
