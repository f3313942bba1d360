import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, promises as fsPromises, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isConcurrencyConflict } from '../../src/core/approval';
import { FileStorage } from '../../src/storage';
import { fileNameForKey, keyForFileName } from '../../src/storage/storageKeys';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'defender-store-'));

describe('FileStorage', () => {
  it('reads back what it wrote, with an eTag, and omits missing keys', async () => {
    const store = new FileStorage({ dataDir: tempDir() });
    await store.write({ 'defender/requests/one': { status: 'pending', nested: { n: 1 } } });
    const items = await store.read(['defender/requests/one', 'missing']);
    assert.deepEqual(Object.keys(items), ['defender/requests/one']);
    assert.equal(items['defender/requests/one'].status, 'pending');
    assert.match(String(items['defender/requests/one'].eTag), /^"[0-9a-f]{32}"$/);
  });

  it('writes only if the eTag still matches, else throws a recognisable conflict', async () => {
    const store = new FileStorage({ dataDir: tempDir() });
    await store.write({ k: { value: 1 } });
    const { eTag } = (await store.read(['k'])).k;
    await store.write({ k: { value: 2, eTag } });
    await assert.rejects(store.write({ k: { value: 3, eTag } }), (error: unknown) => isConcurrencyConflict(error) && /"k" changed since it was read/.test((error as Error).message));
    assert.equal((await store.read(['k'])).k.value, 2);
    await assert.rejects(store.write({ absent: { value: 1, eTag: '"0000"' } }), isConcurrencyConflict, 'a specific eTag never matches a missing item');
    await store.write({ k: { value: 4, eTag: '*' } });
    await store.write({ k: { value: 5 } });
    assert.equal((await store.read(['k'])).k.value, 5, "'*' and no eTag overwrite");
  });

  it('a conflicting batch writes none of its items', async () => {
    const store = new FileStorage({ dataDir: tempDir() });
    await store.write({ a: { value: 1 }, b: { value: 1 } });
    await assert.rejects(store.write({ a: { value: 2 }, b: { value: 2, eTag: '"stale"' } }), isConcurrencyConflict);
    const items = await store.read(['a', 'b']);
    assert.deepEqual([items.a.value, items.b.value], [1, 1]);
  });

  it('of 30 concurrent compare-and-swaps from the same read, exactly one wins (also across two instances on one directory)', async () => {
    const dataDir = tempDir();
    const stores = [new FileStorage({ dataDir }), new FileStorage({ dataDir })];
    await stores[0].write({ counter: { value: 0 } });
    const { eTag } = (await stores[0].read(['counter'])).counter;
    const attempts = await Promise.allSettled(Array.from({ length: 30 }, (_, index) => stores[index % 2].write({ counter: { value: index + 1, eTag } })));
    assert.equal(attempts.filter((attempt) => attempt.status === 'fulfilled').length, 1);
    assert.ok(attempts.every((attempt) => attempt.status === 'fulfilled' || isConcurrencyConflict(attempt.reason)));
  });

  it('leaves no temp files behind and ignores (then sweeps) a partial temp file from a crash', async () => {
    const dataDir = tempDir();
    const storeDir = path.join(dataDir, 'store');
    mkdirSync(storeDir, { recursive: true });
    const target = fileNameForKey('defender/requests/one');
    writeFileSync(path.join(storeDir, target), JSON.stringify({ status: 'pending' }));
    writeFileSync(path.join(storeDir, `${target}.6f1c-crash.tmp`), '{"status":"execu'); // died mid-write
    const store = new FileStorage({ dataDir });
    assert.equal((await store.read(['defender/requests/one']))['defender/requests/one'].status, 'pending', 'the old complete item wins');
    for (let index = 0; index < 20; index++) await store.write({ [`key-${index}`]: { index } });
    await store.delete(['key-3']);
    const files = readdirSync(storeDir);
    assert.deepEqual(files.filter((name) => !name.endsWith('.json')), [], 'no temp files remain');
    assert.equal(files.length, 20, '19 keys + the pre-existing item');
  });

  it('reports an item that is not valid JSON with its path and what to do', async () => {
    const dataDir = tempDir();
    const store = new FileStorage({ dataDir });
    await store.write({ broken: { ok: true } });
    writeFileSync(path.join(dataDir, 'store', fileNameForKey('broken')), '{not json');
    await assert.rejects(store.read(['broken']), { code: 'CorruptItem', message: /broken\.json is not valid JSON.*restore it from backup or delete it/ });
  });

  it('encodes keys into safe, reversible, case-preserving file names', () => {
    for (const key of ['defender/requests/req_abc', '../../etc/passwd', 'Upper/lower', 'ümlaut key', '.', '..']) {
      const name = fileNameForKey(key);
      assert.match(name, /^[a-z0-9._-]+\.json$/);
      assert.ok(!name.includes('/'), name);
      assert.equal(keyForFileName(name), key);
    }
    assert.notEqual(fileNameForKey('A'), fileNameForKey('a'));
    assert.throws(() => fileNameForKey(''), { code: 'InvalidStorageKey' });
    assert.throws(() => fileNameForKey('x'.repeat(300)), { code: 'InvalidStorageKey' });
  });

  it('close() waits for in-flight writes, then refuses new ones', async () => {
    const dataDir = tempDir();
    const store = new FileStorage({ dataDir });
    const writes = Array.from({ length: 10 }, (_, index) => store.write({ [`k${index}`]: { index } }));
    await store.close();
    const reopened = new FileStorage({ dataDir });
    assert.equal(Object.keys(await reopened.read(writes.map((_, index) => `k${index}`))).length, 10, 'every write started before close landed');
    await assert.rejects(store.write({ late: { value: 1 } }), { code: 'StorageClosed' });
    await Promise.all(writes);
  });
});

describe('FileStorage.createIfAbsent', () => {
  it('creates once: of 10 concurrent creators exactly one wins and the first content stays', async () => {
    const store = new FileStorage({ dataDir: tempDir() });
    const created = await Promise.all(Array.from({ length: 10 }, (_, index) => store.createIfAbsent('index', { creator: index })));
    assert.equal(created.filter(Boolean).length, 1);
    const winner = created.indexOf(true);
    assert.equal((await store.read(['index'])).index.creator, winner);
  });
});

describe("FileStorage that survives a process crash (the activity ledger's)", () => {
  /** Counts fsyncs of files and directories while `work` runs; the real fs still does every call. */
  async function fsyncsDuring(work: () => Promise<void>): Promise<number> {
    const probe = await fsPromises.open(os.tmpdir(), 'r');
    const handlePrototype = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const realSync = handlePrototype.sync;
    let count = 0;
    handlePrototype.sync = function (this: unknown) {
      count += 1;
      return realSync.call(this);
    };
    try {
      await work();
    } finally {
      handlePrototype.sync = realSync;
    }
    return count;
  }

  it('writes atomically into its own subdirectory without any fsync, while the default store fsyncs each write', async () => {
    const dataDir = tempDir();
    const ledger = new FileStorage({ dataDir, subdirectory: 'seen', survives: 'process-crash' });
    const requests = new FileStorage({ dataDir });
    const ledgerFsyncs = await fsyncsDuring(async () => {
      assert.equal(await ledger.createIfAbsent('defender/seen/1/abc', { seenAt: 'now' }), true);
      assert.equal(await ledger.createIfAbsent('defender/seen/1/abc', { seenAt: 'later' }), false);
      await ledger.write({ other: { value: 1 } });
      await ledger.delete(['other']);
    });
    const requestFsyncs = await fsyncsDuring(() => requests.write({ request: { value: 1 } }));
    assert.equal(ledgerFsyncs, 0);
    assert.equal(requestFsyncs, 2, 'the temp file and the directory');
    assert.deepEqual(readdirSync(path.join(dataDir, 'seen')), [fileNameForKey('defender/seen/1/abc')], 'no temp file left, nothing else');
    assert.deepEqual(await requests.listKeys('defender/seen/'), [], 'the requests store never lists ledger entries');
    const reopened = new FileStorage({ dataDir, subdirectory: 'seen', survives: 'process-crash' });
    assert.equal((await reopened.read(['defender/seen/1/abc']))['defender/seen/1/abc'].seenAt, 'now', 'the first entry stays, readable by a new instance');
  });
});
