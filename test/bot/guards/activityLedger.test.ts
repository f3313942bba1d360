/**
 * The activity ledger on its real store (its own directory of the data dir, no fsync): an activity is acted on the
 * first time only, also when its redelivery falls into the next hour, and the sweeper's forgetOld keeps two hours;
 * entries an older bot kept among the requests are removed when the storage opens.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ActivityLedger } from '../../../src/bot/guards/redeliveryGuard';
import { FileStorage } from '../../../src/storage/fileStorage';
import { activityLedgerFileStore, connectStorage } from '../../../src/wiring/storage';
import { ManualClock } from '../../support/manualClock';

const HOUR_MS = 60 * 60_000;

describe('ActivityLedger on its file store', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-ledger-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const activity = (id: string, conversationId = 'a:chat') => ({ id, conversation: { id: conversationId } as never });

  it('sees an activity once per conversation and id, across instances on the same data directory', async () => {
    const clock = new ManualClock(new Date('2026-12-02T09:59:59.000Z'));
    const ledger = new ActivityLedger(activityLedgerFileStore(dataDir), clock);
    assert.equal(await ledger.firstSighting(activity('1')), true);
    assert.equal(await ledger.firstSighting(activity('1')), false);
    assert.equal(await ledger.firstSighting(activity('1', 'another:chat')), true, 'the same id in another conversation is another activity');
    assert.equal(await ledger.firstSighting({ conversation: { id: 'a:chat' } as never }), true, 'no id: cannot be told apart, so acted on');
    clock.advance(15_000); // Teams redelivers after about 15 s: here into the next hour's bucket
    const restarted = new ActivityLedger(activityLedgerFileStore(dataDir), clock);
    assert.equal(await restarted.firstSighting(activity('1')), false);
  });

  it('forgetOld lists the ledger once per hour: until the hour turns there is nothing new to forget', async () => {
    const clock = new ManualClock(new Date('2026-12-02T09:30:00.000Z'));
    const store = activityLedgerFileStore(dataDir);
    let listings = 0;
    const listKeys = store.listKeys.bind(store);
    store.listKeys = (prefix: string) => ((listings += 1), listKeys(prefix)); // counts; the real listing still runs
    const ledger = new ActivityLedger(store, clock);
    for (let minute = 0; minute < 20; minute += 1, clock.advance(60_000)) await ledger.forgetOld();
    assert.equal(listings, 1);
    clock.advance(HOUR_MS);
    await ledger.forgetOld();
    assert.equal(listings, 2);
  });

  it('forgetOld removes what is older than the previous hour and keeps the rest', async () => {
    const clock = new ManualClock(new Date('2026-12-02T09:30:00.000Z'));
    const ledger = new ActivityLedger(activityLedgerFileStore(dataDir), clock);
    await ledger.firstSighting(activity('old'));
    clock.advance(HOUR_MS);
    await ledger.firstSighting(activity('recent'));
    assert.equal(await ledger.forgetOld(), 0, 'the previous hour is kept: a redelivery can cross into the next bucket');
    clock.advance(HOUR_MS);
    assert.equal(await ledger.forgetOld(), 1);
    assert.equal(await ledger.firstSighting(activity('recent')), false, 'the previous hour still answers');
    assert.equal(await ledger.firstSighting(activity('old')), true, 'forgotten after two hours');
  });
});

describe('the activity ledger after an upgrade', () => {
  it('entries an older bot kept among the requests are removed when the storage opens, and the requests stay', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-ledger-upgrade-'));
    try {
      const before = new FileStorage({ dataDir });
      await before.write({ 'defender/seen/491234/abc': { seenAt: '2026-12-01T10:00:00.000Z' }, 'defender/requests/req_x': { status: 'pending' } });
      await before.flush();
      const storage = await connectStorage({ dataDir });
      try {
        assert.deepEqual(await (storage.store as FileStorage).listKeys('defender/'), ['defender/requests/req_x']);
      } finally {
        await storage.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
