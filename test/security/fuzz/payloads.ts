/**
 * Card action payloads: the valid data of each verb for a real open request, then mutated field by field
 * (wrong types, extra and prototype keys, other ids, huge strings), plus unknown verbs and non-object data.
 */
import fc from 'fast-check';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';

export interface OpenRequestIds {
  requestId: string;
  planHash: string;
}

export function validPayloads(open: OpenRequestIds): Array<{ verb: string; data: Record<string, unknown> }> {
  const { requestId, planHash } = open;
  return [
    { verb: VERBS.approve, data: { requestId, planHash } },
    { verb: VERBS.reject, data: { requestId, planHash, reason: 'not now' } },
    { verb: VERBS.cancel, data: { requestId, planHash } },
    { verb: VERBS.refreshRequest, data: { requestId } },
    { verb: VERBS.retry, data: { requestId, planHash } },
    { verb: VERBS.listMore, data: { page: 2 } },
    { verb: VERBS.status, data: { subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev } },
    { verb: VERBS.enablePreview, data: { subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev } },
    { verb: VERBS.onboardApis, data: { subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev } },
    { verb: VERBS.postureMore, data: { subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev, page: 2 } },
    { verb: VERBS.alertsMore, data: { page: 2 } },
    { verb: VERBS.alertsMore, data: { page: 1, subscriptionId: DEMO_SUBSCRIPTIONS.legacyBilling } },
    { verb: VERBS.reenable, data: { subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev, apiSubPlan: 'P2' } },
    // No watch finding exists in the fuzz bot: every one names no alert, so none may reach ARM.
    { verb: VERBS.alertTake, data: { findingId: 'a'.repeat(40) } },
    { verb: VERBS.alertResolve, data: { findingId: 'b'.repeat(40) } },
  ];
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];
const EXTRA_KEYS = [...PROTOTYPE_KEYS, 'approver', 'aadObjectId', 'from', 'msteams', 'verb', 'subscriptionId', 'requestId'];
const UNKNOWN_VERBS = ['', 'approve', 'defender.approveAll', 'DEFENDER.APPROVE', 'defender.approve ', '__proto__', 'constructor', 'toString'];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom('req_aaaaaaaaaaaaaaaaaaaa', 'f'.repeat(64), DEMO_SUBSCRIPTIONS.contosoProd, '../../etc/passwd', '${requestId}', -1, 0, 1e309, null),
  fc.integer({ min: 1, max: 300_000 }).map((length) => 'x'.repeat(length)),
  fc.stringMatching(/^req_[a-z2-7]{20}$/),
  fc.stringMatching(/^[0-9a-f]{64}$/),
  fc.stringMatching(/^[0-9a-f]{40}$/),
);

/** Sets a key as an own, enumerable property, even `__proto__` (as JSON.parse would deliver it). */
function withOwnKey(data: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...data };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

export function mutatedPayload(open: OpenRequestIds): fc.Arbitrary<{ verb: unknown; data: unknown }> {
  const valid = fc.constantFrom(...validPayloads(open));
  return fc.oneof(
    valid,
    valid.chain(({ verb, data }) => fc.tuple(fc.constantFrom(...Object.keys(data)), hostileValue).map(([key, value]) => ({ verb, data: { ...data, [key]: value } }))),
    valid.chain(({ verb, data }) => fc.constantFrom(...Object.keys(data)).map((key) => ({ verb, data: Object.fromEntries(Object.entries(data).filter(([name]) => name !== key)) }))),
    valid.chain(({ verb, data }) => fc.tuple(fc.constantFrom(...EXTRA_KEYS), hostileValue).map(([key, value]) => ({ verb, data: withOwnKey(data, key, value) }))),
    valid.chain(({ data }) => fc.oneof(fc.constantFrom(...UNKNOWN_VERBS), fc.string({ maxLength: 80 }), fc.anything({ maxDepth: 1 })).map((verb) => ({ verb, data }))),
    valid.chain(({ verb }) => hostileValue.map((data) => ({ verb, data }))),
    fc.tuple(fc.anything({ maxDepth: 2 }), fc.anything({ maxDepth: 3 })).map(([verb, data]) => ({ verb, data })),
  );
}
