import assert from 'node:assert/strict';
import { ANYONE, type ApprovalPolicyInput, ApprovalPolicyError, approvalStanding, createApprovalPolicy, isApprover, mayRequest, permissionsFor } from '../../../src/core/approval';
import { ALICE, BOB, CAROL, ERIN, HOUR, MALLORY } from './fixtures';
import { buildWorld, planFor, SUB_A } from './fixtures';

describe('approval policy', () => {
  it('defaults minApprovals to 1, normalises ids and leaves requesters open when unset', () => {
    const policy = createApprovalPolicy({ approvers: [` ${BOB.id.toUpperCase()} `, BOB.id], requestTtlMs: HOUR });
    assert.deepEqual(policy, { approvers: [BOB.id], minApprovals: 1, requestTtlMs: HOUR });
    assert.equal(isApprover(policy, BOB), true);
    assert.equal(mayRequest(policy, MALLORY), true);
  });

  it('restricts requesters when listed', () => {
    const policy = createApprovalPolicy({ approvers: [BOB.id], requesters: [ALICE.id], requestTtlMs: HOUR });
    assert.equal(mayRequest(policy, ALICE), true);
    assert.equal(mayRequest(policy, MALLORY), false);
  });

  const invalid: Array<[string, ApprovalPolicyInput, RegExp]> = [
    ['no approvers', { approvers: [], requestTtlMs: HOUR }, /at least one approver/],
    ['zero quorum', { approvers: [BOB.id], minApprovals: 0, requestTtlMs: HOUR }, /at least 1/],
    ['fractional quorum', { approvers: [BOB.id, CAROL.id], minApprovals: 1.5, requestTtlMs: HOUR }, /whole number/],
    ['quorum above the approver count', { approvers: [BOB.id], minApprovals: 2, requestTtlMs: HOUR }, /only 1 distinct approver/],
    ['one approver listed twice for a quorum of 2', { approvers: [BOB.id, BOB.id], minApprovals: 2, requestTtlMs: HOUR }, /only 1 distinct approver/],
    ['one approver listed in two cases for a quorum of 2', { approvers: [BOB.id, ` ${BOB.id.toUpperCase()}`], minApprovals: 2, requestTtlMs: HOUR }, /only 1 distinct approver/],
    ['an approver that is not a GUID', { approvers: [BOB.id, 'bob@contoso.com'], requestTtlMs: HOUR }, /"bob@contoso.com" is not an Entra object id/],
    ['non-positive TTL', { approvers: [BOB.id], requestTtlMs: 0 }, /positive number of milliseconds/],
  ];
  for (const [label, input, pattern] of invalid) {
    it(`rejects a policy with ${label}`, () => {
      assert.throws(() => createApprovalPolicy(input), (error: unknown) =>
        error instanceof ApprovalPolicyError && error.code === 'InvalidApprovalPolicy' && pattern.test(error.message));
    });
  }

  it('tells the card which buttons each person gets, with the refusal the server gives otherwise', async () => {
    const { service, clock, policy } = buildWorld({ policy: { approvers: [ALICE.id, BOB.id] } });
    const created = await service.request({ plan: planFor(SUB_A), requester: MALLORY });
    assert.equal(created.kind, 'created');
    if (created.kind !== 'created') return;
    const request = created.request;
    const allowed = (person: Parameters<typeof permissionsFor>[2]) => {
      const can = permissionsFor(policy, request, person, clock.now());
      return Object.fromEntries(Object.entries(can).map(([action, permission]) => [action, permission.allowed ? 'yes' : permission.refusal]));
    };
    assert.deepEqual(allowed(MALLORY), { approve: 'SelfApproval', reject: 'SelfRejection', cancel: 'yes', retry: 'NotAnApprover' });
    assert.deepEqual(allowed(BOB), { approve: 'yes', reject: 'yes', cancel: 'NotTheRequester', retry: 'NotRetryable' });
    assert.deepEqual(allowed(CAROL), { approve: 'NotAnApprover', reject: 'NotAnApprover', cancel: 'NotTheRequester', retry: 'NotAnApprover' });
    assert.deepEqual(allowed(ANYONE), { approve: 'yes', reject: 'yes', cancel: 'yes', retry: 'NotRetryable' }, 'the shared card offers what someone may do');
    const approvedOnce = { ...request, approvals: [{ by: BOB, at: clock.now().toISOString() }] };
    assert.deepEqual(permissionsFor(policy, approvedOnce, BOB, clock.now()).approve, { allowed: false, refusal: 'AlreadyApproved' }, 'no second Approve for the same approver');
    clock.advance(25 * HOUR);
    assert.deepEqual(permissionsFor(policy, request, BOB, clock.now()).approve, { allowed: false, refusal: 'Expired' }, 'nothing to click once expired');
  });

  it('counts only approvals from people who are approvers now, against the stricter quorum', () => {
    const now = policyOf([BOB.id, CAROL.id], 2);
    const request = { requester: ALICE, minApprovals: 1, approvals: [{ by: ERIN, at: '2026-01-01T00:00:00Z' }, { by: BOB, at: '2026-01-01T00:01:00Z' }] };
    const standing = approvalStanding(now, request);
    assert.deepEqual(standing.counted.map((approval) => approval.by.name), [BOB.name]);
    assert.deepEqual(standing.discounted.map(({ approval, reason }) => [approval.by.name, reason]), [[ERIN.name, 'not an approver']]);
    assert.equal(standing.required, 2, 'the quorum configured now is stricter than the one recorded');
    assert.equal(standing.met, false);
    assert.equal(approvalStanding(policyOf([BOB.id, ERIN.id], 1), { ...request, minApprovals: 2 }).met, true, 'the recorded quorum binds when it is the stricter');
  });
});

function policyOf(approvers: string[], minApprovals: number) {
  return createApprovalPolicy({ approvers, minApprovals, requestTtlMs: HOUR });
}
