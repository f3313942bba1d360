/**
 * Two instances over one store: a serviceUrl move that only one of them saw reaches the other within a short while,
 * so its card updates stop going to the retired address.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ADDRESS_MEMORY_MS, ConversationAddresses } from '../../../src/bot/delivery/conversationAddresses';
import { FileStorage } from '../../../src/storage/fileStorage';
import { ManualClock } from '../../support/manualClock';

describe('ConversationAddresses across instances', () => {
  let dataDir: string;
  beforeEach(async () => (dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-addresses-'))));
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('an instance that did not see the move learns it from the store once its memory is older than ADDRESS_MEMORY_MS', async () => {
    const clock = new ManualClock();
    const store = new FileStorage({ dataDir });
    const [a, b] = [new ConversationAddresses(store, clock), new ConversationAddresses(store, clock)];
    const conversation = { id: '19:chat@thread.v2' };
    const reference = { conversation, serviceUrl: 'https://smba.trafficmanager.net/old/' } as never;
    await a.observe({ conversation, serviceUrl: 'https://smba.trafficmanager.net/amer/' } as never);
    assert.equal((await b.current(reference)).serviceUrl, 'https://smba.trafficmanager.net/amer/');
    await a.observe({ conversation, serviceUrl: 'https://smba.trafficmanager.net/emea/' } as never);
    assert.equal((await a.current(reference)).serviceUrl, 'https://smba.trafficmanager.net/emea/', 'the instance that saw it');
    assert.equal((await b.current(reference)).serviceUrl, 'https://smba.trafficmanager.net/amer/', 'the other trusts its memory a while');
    clock.advance(ADDRESS_MEMORY_MS);
    assert.equal((await b.current(reference)).serviceUrl, 'https://smba.trafficmanager.net/emea/', 'then reads the store again');
  });
});
