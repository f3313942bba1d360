/** The count is made again just before any write: approvals from people no longer approvers cannot authorise it. */
import assert from 'node:assert/strict';
import { BOB, CAROL, ERIN, ALICE, buildWorld, planFor, SUB_A } from './fixtures';

describe('ApprovalService.execute: only current approvers count', () => {
  it('a request elected under the old approver list is not applied once its approver is removed (zero ARM calls)', async () => {
    const before = buildWorld({ policy: { approvers: [BOB.id, ERIN.id] } });
    const created = await before.service.request({ plan: planFor(SUB_A), requester: ALICE });
    assert.equal(created.kind, 'created');
    if (created.kind !== 'created') return;
    const approved = await before.service.approve({ requestId: created.request.id, planHash: created.request.planHash, approver: ERIN });
    assert.equal(approved.kind, 'execute');

    // The process restarts with Erin removed before the executor runs; the gateway here throws on any call.
    const after = buildWorld({ dataDir: before.dataDir, store: before.store, policy: { approvers: [BOB.id, CAROL.id] } });
    const finished = await after.service.execute(created.request.id);
    assert.equal(finished.status, 'failed');
    assert.equal(finished.outcomes?.[0].settings[0].error?.code, 'QuorumNotMet');
    assert.match(finished.outcomes?.[0].settings[0].error?.message ?? '', /only 0 of the 1 approvals needed are from people who are approvers now \(Erin Approver's approval no longer counts: not an approver/);
  });
});
