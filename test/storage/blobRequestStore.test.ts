/** BlobsStorage (through BlobRequestStore) against a real Azurite: eTags, conflicts as the core sees them, outages. */
import assert from 'node:assert/strict';
import { ContainerClient } from '@azure/storage-blob';
import { isConcurrencyConflict } from '../../src/core/keyValueStore';
import { connectBlobStorage } from '../../src/storage/blobConnection';
import { createContainerClient, type BlobTarget } from '../../src/storage/blobEndpoint';
import { BlobRequestStore } from '../../src/storage/blobRequestStore';
import { checkStoreWritable } from '../../src/wiring/readiness';
import { systemClock } from '../../src/core/ports';
import { connectionStringFor, freePort, startAzurite, uniqueContainerName, type RunningAzurite } from '../support/azurite';

describe('BlobRequestStore on Azurite (botbuilder-azure-blobs)', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  before(async () => (azurite = await startAzurite()));
  after(async () => azurite?.stop());

  async function freshStore(): Promise<{ store: BlobRequestStore; target: BlobTarget }> {
    const target: BlobTarget = { access: { kind: 'connection-string', connectionString: azurite.connectionString }, container: uniqueContainerName('requests') };
    const { store } = await connectBlobStorage(target);
    return { store, target };
  }

  /** A second instance over the same container, as another bot process would have. */
  function secondInstance(target: BlobTarget): BlobRequestStore {
    return new BlobRequestStore(target, createContainerClient(target));
  }

  it('reads back what it wrote, with an eTag, including text outside ASCII', async () => {
    const { store } = await freshStore();
    await store.write({ 'defender/requests/r1': { requester: 'Zoë Ångström — “prod” …', eTag: '*' } });
    const item = (await store.read(['defender/requests/r1', 'defender/absent']))['defender/requests/r1'];
    assert.equal(item.requester, 'Zoë Ångström — “prod” …');
    assert.match(String(item.eTag), /\S/);
    assert.deepEqual(Object.keys(await store.read(['defender/absent'])), []);
  });

  it('refuses a write with a stale eTag, and isConcurrencyConflict recognises BlobsStorage\'s error', async () => {
    const { store, target } = await freshStore();
    await store.write({ key: { version: 1 } });
    const read = (await store.read(['key'])).key;
    await secondInstance(target).write({ key: { version: 2, eTag: read.eTag } });
    const error = await store.write({ key: { version: 3, eTag: read.eTag } }).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof Error, 'the stale write was refused');
    assert.match(error.message, /eTag conflict/);
    assert.equal(isConcurrencyConflict(error), true);
    assert.equal((await store.read(['key'])).key.version, 2);
  });

  it('treats an eTag for an item that does not exist as a conflict (the port\'s rule)', async () => {
    const { store } = await freshStore();
    const error = await store.write({ gone: { value: 1, eTag: '"0x8DC0000000000000"' } }).then(() => undefined, (caught: unknown) => caught);
    assert.equal(isConcurrencyConflict(error), true);
    assert.deepEqual(await store.read(['gone']), {});
  });

  it('lets exactly one of 20 compare-and-swaps from two instances win', async () => {
    const { store, target } = await freshStore();
    const other = secondInstance(target);
    await store.write({ race: { winner: 'nobody' } });
    const { eTag } = (await store.read(['race'])).race;
    const attempts = Array.from({ length: 20 }, (_, index) =>
      (index % 2 === 0 ? store : other).write({ race: { winner: `writer-${index}`, eTag } }).then(
        () => `writer-${index}`,
        (error: unknown) => {
          assert.equal(isConcurrencyConflict(error), true, String(error));
          return undefined;
        },
      ));
    const winners = (await Promise.all(attempts)).filter(Boolean);
    assert.equal(winners.length, 1);
    assert.equal((await other.read(['race'])).race.winner, winners[0]);
  });

  it('createIfAbsent creates once, decided by the blob service, and BlobsStorage reads it back', async () => {
    const { store, target } = await freshStore();
    const other = secondInstance(target);
    const created = await Promise.all(Array.from({ length: 10 }, (_, index) =>
      (index % 2 === 0 ? store : other).createIfAbsent('defender/open-requests', { open: {}, recent: [`by-${index}`] })));
    assert.equal(created.filter(Boolean).length, 1);
    const index = (await store.read(['defender/open-requests']))['defender/open-requests'];
    assert.equal((index.recent as string[]).length, 1);
    assert.match(String(index.eTag), /\S/);
  });

  it('passes the /readyz write-and-read-back check', async () => {
    const { store } = await freshStore();
    await checkStoreWritable(store, systemClock);
  });

  it('fails with BlobStorageUnavailable, naming the endpoint but no key, when storage goes away', async () => {
    const closedPort = await freePort();
    const target: BlobTarget = { access: { kind: 'connection-string', connectionString: connectionStringFor(`http://127.0.0.1:${closedPort}/devstoreaccount1`) }, container: 'defender' };
    const store = new BlobRequestStore(target, createContainerClient(target));
    const error = await store.read(['anything']).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof Error);
    assert.match(error.message, new RegExp(`^BlobStorageUnavailable: could not read at http://127\\.0\\.0\\.1:${closedPort}/devstoreaccount1/defender \\(ECONNREFUSED\\)`));
    assert.equal(isConcurrencyConflict(error), false, 'an outage must never look like a lost race');
    assert.doesNotMatch(error.message, /AccountKey|Eby8/);
  });

  it('refuses to start on an unreachable endpoint within seconds, with one actionable line', async () => {
    const closedPort = await freePort();
    const started = Date.now();
    const error = await connectBlobStorage({ access: { kind: 'connection-string', connectionString: connectionStringFor(`http://127.0.0.1:${closedPort}/devstoreaccount1`) }, container: 'defender' }, { probeTimeoutInMs: 3_000 })
      .then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof Error);
    assert.equal(error.message, `BlobStorageUnreachable: DEFENDER_STORAGE=blob: cannot reach the blob endpoint http://127.0.0.1:${closedPort}/devstoreaccount1/defender (ECONNREFUSED). Check AZURE_STORAGE_CONNECTION_STRING and the network.`);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });

  it('creates the container when it does not exist yet', async () => {
    const { target } = await freshStore();
    assert.equal(await new ContainerClient(azurite.connectionString, target.container).exists(), true);
  });
});
