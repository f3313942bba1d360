import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyAuditChain } from '../../src/core/audit';
import { ALICE, BOB, CAROL, MALLORY, SUB_A, SUB_B, buildWorld, planFor, sequentialRequestIds } from '../core/approval/fixtures';

describe('restart over the same data directory', () => {
  it('a new service and new file store see every request, approval and open-request claim', async () => {
    const before = buildWorld({ policy: { minApprovals: 2 }, ids: sequentialRequestIds(0) });
    const first = await before.service.request({ plan: planFor(SUB_A), requester: ALICE });
    const second = await before.service.request({ plan: planFor(SUB_B), requester: ALICE });
    if (first.kind !== 'created' || second.kind !== 'created') throw new Error('expected two created requests');
    await before.service.approve({ requestId: first.request.id, planHash: first.request.planHash, approver: BOB });
    await before.service.cancel({ requestId: second.request.id, actor: ALICE });
    await before.store.close();
    await before.audit.flush();

    const after = buildWorld({ dataDir: before.dataDir, policy: { minApprovals: 2 }, ids: sequentialRequestIds(1000), clock: before.clock });
    const reloaded = await after.service.get(first.request.id);
    assert.deepEqual(reloaded && { ...reloaded, eTag: undefined }, { ...(await before.requests.get(first.request.id)), eTag: undefined });
    assert.deepEqual(reloaded?.approvals.map((approval) => approval.by), [BOB]);
    assert.equal((await after.service.get(second.request.id))?.status, 'cancelled');
    assert.equal((await after.service.request({ plan: planFor(SUB_A), requester: MALLORY })).kind, 'already-open', 'the claim survived');
    assert.equal((await after.service.request({ plan: planFor(SUB_B), requester: MALLORY })).kind, 'created', 'the release survived');
    const approved = await after.service.approve({ requestId: first.request.id, planHash: first.request.planHash, approver: CAROL });
    assert.equal(approved.kind, 'execute', 'the approval recorded before the restart counts toward the quorum');

    const lines = readFileSync(path.join(before.dataDir, 'audit.jsonl'), 'utf8').split('\n');
    const verdict = verifyAuditChain(lines);
    assert.equal(verdict.ok, true, verdict.problem);
    assert.deepEqual(verdict.entries.map((entry) => entry.type), [
      'request.created', 'request.created', 'request.approval-recorded', 'request.cancelled',
      'request.created', 'request.approval-recorded', 'request.executing',
    ]);
  });
});
