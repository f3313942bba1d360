/** The blob audit log against a real Azurite: one unbroken chain however many instances append at once. */
import assert from 'node:assert/strict';
import { ContainerClient } from '@azure/storage-blob';
import type { AuditEvent } from '../../src/core/audit/auditLog';
import { verifyAuditChain } from '../../src/core/audit/chain';
import { BlobAuditLog } from '../../src/storage/blobAuditLog';
import { AuditLogCorruptError } from '../../src/storage/fileAuditLog';
import { startAzurite, uniqueContainerName, type RunningAzurite } from '../support/azurite';

function event(requestId: string, subscriptionId = 'sub-1'): AuditEvent {
  return {
    at: '2026-11-26T09:00:00.000Z',
    type: 'request.created',
    requestId,
    subscriptionIds: [subscriptionId],
    actor: { id: 'aad-alex', name: 'Alex Admin' },
    details: { note: 'Zoë — “prod” …' },
  };
}

describe('BlobAuditLog on Azurite', function () {
  this.timeout(120_000);
  let azurite: RunningAzurite;
  before(async () => (azurite = await startAzurite()));
  after(async () => azurite?.stop());

  async function freshContainer(): Promise<ContainerClient> {
    const container = new ContainerClient(azurite.connectionString, uniqueContainerName('audit'));
    await container.create();
    return container;
  }

  /** An instance with its own client, as a second bot process would have. */
  function instance(container: ContainerClient, entriesPerSegment?: number): BlobAuditLog {
    return new BlobAuditLog({ container: new ContainerClient(azurite.connectionString, container.containerName), entriesPerSegment });
  }

  for (const entriesPerSegment of [undefined, 7]) {
    const label = entriesPerSegment ? `across segments of ${entriesPerSegment} entries` : 'in one append blob';
    it(`keeps one unbroken chain of 100 when two instances append 50 each at once, ${label}`, async () => {
      const container = await freshContainer();
      const [first, second] = [instance(container, entriesPerSegment), instance(container, entriesPerSegment)];
      const appends = Array.from({ length: 50 }, (_, index) => [first.append(event(`a-${index}`)), second.append(event(`b-${index}`))]).flat();
      const entries = await Promise.all(appends);

      const lines = await instance(container, entriesPerSegment).readAllLines();
      const verdict = verifyAuditChain(lines);
      assert.equal(verdict.ok, true, verdict.problem);
      assert.equal(verdict.entries.length, 100);
      assert.deepEqual(verdict.entries.map((entry) => entry.seq), Array.from({ length: 100 }, (_, index) => index + 1));
      // Each append is recorded exactly once, and each caller got the entry that was stored.
      assert.deepEqual(new Set(verdict.entries.map((entry) => entry.requestId)).size, 100);
      assert.deepEqual(new Set(entries.map((entry) => entry.hash)), new Set(verdict.entries.map((entry) => entry.hash)));
      if (entriesPerSegment) assert.equal((await first.segments.listIndexes()).length, Math.ceil(100 / entriesPerSegment));
    });
  }

  it('continues the chain from where another instance left it', async () => {
    const container = await freshContainer();
    await instance(container, 3).append(event('first'));
    await instance(container, 3).append(event('second'));
    const later = instance(container, 3);
    await later.initialise();
    const third = await later.append(event('third'));
    assert.equal(third.seq, 3);
    const verdict = verifyAuditChain(await later.readAllLines());
    assert.equal(verdict.ok, true, verdict.problem);
    assert.equal(verdict.entries.length, 3);
  });

  it('lists newest first, filtered by subscription or request', async () => {
    const container = await freshContainer();
    const log = instance(container);
    await log.append(event('r1', 'sub-A'));
    await log.append(event('r2', 'sub-B'));
    await log.append(event('r3', 'SUB-A'));
    assert.deepEqual((await log.list({ limit: 10 })).map((entry) => entry.requestId), ['r3', 'r2', 'r1']);
    assert.deepEqual((await log.list({ subscriptionId: 'sub-a', limit: 10 })).map((entry) => entry.requestId), ['r3', 'r1']);
    assert.deepEqual((await log.list({ requestId: 'r2', limit: 10 })).map((entry) => entry.seq), [2]);
    assert.equal((await log.list({ limit: 1 })).length, 1);
  });

  it('refuses to open a chain with a forged entry, and one whose first segment was deleted', async () => {
    const container = await freshContainer();
    const log = instance(container, 2);
    for (const id of ['r1', 'r2', 'r3']) await log.append(event(id));
    const forged = Buffer.from(`${JSON.stringify({ ...event('forged'), seq: 4, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) })}\n`);
    await container.getAppendBlobClient(log.segments.nameOf(1)).appendBlock(forged, forged.length);
    await assert.rejects(instance(container, 2).initialise(), (error: Error) => error instanceof AuditLogCorruptError && /does not link/.test(error.message));

    const other = await freshContainer();
    const second = instance(other, 2);
    for (const id of ['r1', 'r2', 'r3']) await second.append(event(id));
    await other.deleteBlob(second.segments.nameOf(0));
    await assert.rejects(instance(other, 2).initialise(), (error: Error) => error instanceof AuditLogCorruptError && /entries were removed/.test(error.message));
  });
});
