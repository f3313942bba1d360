/**
 * The watch's storage: the lease (one holder until it expires or is released; a race between two instances on one
 * Azurite container has one winner) and the memory (a finding queued once, whatever instance or restart queues it).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { KeyValueStore } from '../../src/core/keyValueStore';
import type { WatchFinding } from '../../src/core/watch/findings';
import { connectBlobStorage } from '../../src/storage/blobConnection';
import { createContainerClient, type BlobTarget } from '../../src/storage/blobEndpoint';
import { BlobRequestStore } from '../../src/storage/blobRequestStore';
import { FileStorage } from '../../src/storage/fileStorage';
import { StoreLease } from '../../src/storage/storeLease';
import { StoreWatchMemory } from '../../src/storage/watchMemory';
import { startAzurite, uniqueContainerName, type RunningAzurite } from '../support/azurite';
import { ManualClock } from '../support/manualClock';

const TTL_MS = 60_000;
const lease = (store: KeyValueStore, holder: string, clock: ManualClock) => new StoreLease(store, { key: 'defender/watch/lease', holder, ttlMs: TTL_MS, clock });

const FINDING: WatchFinding = {
  kind: 'new-api',
  key: 'new-api/sub/rg/apim/orders',
  subscriptionId: 'sub',
  subscriptionName: 'Contoso Dev',
  api: { resourceGroup: 'rg', serviceName: 'apim', apiId: 'orders', displayName: 'Orders' },
};

describe('watch storage on files', () => {
  let dataDir: string;
  let store: FileStorage;
  const clock = new ManualClock();
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-watch-'));
    store = new FileStorage({ dataDir });
  });
  afterEach(async () => {
    await store.flush();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a finding a crash left without its pending marker is queued again when the next scan finds it; a delivered one is not', async () => {
    const memory = new StoreWatchMemory(store, clock);
    assert.equal(await memory.queue(FINDING, clock.now()), true);
    await store.delete((await store.listKeys('defender/watch/pending/'))); // the crash: the finding written, its marker not
    assert.deepEqual(await memory.pending(), []);
    assert.equal(await memory.queue(FINDING, clock.now()), false, 'still queued once');
    const [again] = await memory.pending();
    assert.equal(again?.finding.key, FINDING.key);
    await memory.markDelivered(again.id, { conversationId: 'channel', activityId: 'a1' } as never);
    assert.equal(await memory.queue(FINDING, clock.now()), false);
    assert.deepEqual(await memory.pending(), [], 'a posted finding is never posted again');
  });

  it('a lease has one holder, who renews it; another takes it once it expires, or at once when it is released', async () => {
    const [a, b] = [lease(store, 'instance-a', clock), lease(store, 'instance-b', clock)];
    assert.equal(await a.acquire(), true);
    assert.equal(await b.acquire(), false, 'held by a');
    clock.advance(TTL_MS - 1);
    assert.equal(await a.acquire(), true, 'a renews');
    clock.advance(TTL_MS - 1);
    assert.equal(await b.acquire(), false, 'the renewal counts from when it was made');
    clock.advance(2);
    assert.equal(await b.acquire(), true, 'expired: b takes over');
    assert.equal(await a.acquire(), false);
    await a.release();
    assert.equal(await a.acquire(), false, 'releasing a lease one does not hold changes nothing');
    await b.release();
    assert.equal(await a.acquire(), true, 'released: a takes it at once');
  });

  it('queues a finding once, across memories over one store (a restart, or another instance)', async () => {
    const first = new StoreWatchMemory(store, clock);
    assert.equal(await first.queue(FINDING, clock.now()), true);
    const afterRestart = new StoreWatchMemory(new FileStorage({ dataDir }), clock);
    assert.equal(await afterRestart.queue(FINDING, clock.now()), false);
    const [pending] = await afterRestart.pending();
    assert.equal(pending.finding.key, FINDING.key);
    await afterRestart.markDelivered(pending.id, { at: clock.now().toISOString(), address: { activityId: 'a1' } });
    assert.deepEqual(await first.pending(), []);
    assert.equal(await first.queue(FINDING, clock.now()), false, 'delivered is still queued before');
    const acted = await first.recordAction(pending.id, { status: 'InProgress', by: { id: 'p', name: 'Avery' }, at: clock.now().toISOString() });
    assert.deepEqual(acted.actions?.map((action) => action.status), ['InProgress']);
    assert.deepEqual((await afterRestart.get(pending.id))?.delivered?.address, { activityId: 'a1' });
  });

  it('replaces the snapshot only over the one it read, and forgets findings after the retention', async () => {
    const memory = new StoreWatchMemory(store, clock);
    const snapshot = { scanId: 's1', takenAt: clock.now().toISOString(), coverage: {}, apis: {}, alerts: {} };
    assert.equal(await memory.writeSnapshot(snapshot), true);
    assert.equal(await memory.writeSnapshot(snapshot), false, 'a second first snapshot is refused');
    const read = await memory.readSnapshot();
    assert.equal(await memory.writeSnapshot({ ...snapshot, scanId: 's2' }, read!.eTag), true);
    assert.equal(await memory.writeSnapshot({ ...snapshot, scanId: 's3' }, read!.eTag), false, 'stale eTag');
    assert.equal((await memory.readSnapshot())?.snapshot.scanId, 's2');
    await memory.queue(FINDING, clock.now());
    assert.equal(await memory.forgetBefore(new Date(clock.now().getTime() + 1)), 1);
    assert.equal(await memory.queue(FINDING, clock.now()), true, 'forgotten: it could be queued again');
  });
});

describe('the watch lease on one Azurite container, two instances', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  before(async () => (azurite = await startAzurite()));
  after(async () => azurite?.stop());

  it('two instances racing for the lease: exactly one wins each round until it expires', async () => {
    const target: BlobTarget = { access: { kind: 'connection-string', connectionString: azurite.connectionString }, container: uniqueContainerName('lease') };
    const { store: first } = await connectBlobStorage(target);
    const second = new BlobRequestStore(target, createContainerClient(target));
    const clock = new ManualClock();
    const [a, b] = [lease(first, 'instance-a', clock), lease(second, 'instance-b', clock)];
    const round = async () => (await Promise.all([a.acquire(), b.acquire(), a.acquire(), b.acquire()])).map(Boolean);
    const firstRound = await round();
    const winnerIsA = firstRound[0] || firstRound[2];
    assert.ok(winnerIsA !== (firstRound[1] || firstRound[3]), `one instance wins: ${firstRound}`);
    clock.advance(TTL_MS / 2);
    const secondRound = await round();
    assert.deepEqual([secondRound[0] || secondRound[2], secondRound[1] || secondRound[3]], [winnerIsA, !winnerIsA], 'the holder keeps it');
    await first.flush();
  });
});
