/**
 * The request storm on blob storage (Azurite), from two service instances sharing one container: 300 concurrent
 * requests for 300 subscriptions are all created whole, each holding its own lock, and the audit chain verifies.
 */
import assert from 'node:assert/strict';
import { ApprovalService, createApprovalPolicy, RequestRepository } from '../../src/core/approval';
import { verifyAuditChain } from '../../src/core/audit/chain';
import { connectBlobStorage } from '../../src/storage/blobConnection';
import type { BlobTarget } from '../../src/storage/blobEndpoint';
import { ALICE, BOB, CAROL, gatewayNotUsed, ManualClock, planFor, sequentialRequestIds } from '../core/approval/fixtures';
import { startAzurite, uniqueContainerName, type RunningAzurite } from '../support/azurite';

const STORM = 300;

describe('a storm of 300 concurrent requests on blob storage (Azurite), two instances', function () {
  this.timeout(180_000);
  let azurite: RunningAzurite;
  before(async () => (azurite = await startAzurite()));
  after(async () => azurite?.stop());

  it('creates all 300 whole, with 300 locks, 300 created entries and one chain that verifies', async () => {
    const target: BlobTarget = { access: { kind: 'connection-string', connectionString: azurite.connectionString }, container: uniqueContainerName('storm') };
    const clock = new ManualClock();
    const policy = createApprovalPolicy({ approvers: [BOB.id, CAROL.id], requestTtlMs: 86_400_000 });
    const instances = await Promise.all([0, 1].map(async (index) => {
      const { store, audit } = await connectBlobStorage(target);
      const requests = new RequestRepository(store, { now: () => clock.now() });
      await requests.initialise();
      return { audit, requests, service: new ApprovalService({ requests, audit, gateway: gatewayNotUsed, clock, ids: sequentialRequestIds(index * 10_000), policy }) };
    }));
    const subscriptions = Array.from({ length: STORM }, (_, index) => `cccccccc-0000-4000-8000-${String(index).padStart(12, '0')}`);
    const results = await Promise.all(subscriptions.map((subscriptionId, index) => instances[index % 2].service.request({ plan: planFor(subscriptionId), requester: ALICE })));

    assert.deepEqual([...new Set(results.map((result) => result.kind))], ['created']);
    assert.equal((await instances[0].requests.listOpen()).length, STORM);
    for (const subscriptionId of subscriptions.slice(0, 10)) assert.ok(await instances[1].requests.openBySubscription(subscriptionId));
    const verdict = verifyAuditChain(await instances[0].audit.readAllLines());
    assert.equal(verdict.ok, true, verdict.problem);
    assert.equal(verdict.entries.filter((entry) => entry.type === 'request.created').length, STORM);
  });
});
