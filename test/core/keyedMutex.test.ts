import assert from 'node:assert/strict';
import { KeyedMutex } from '../../src/core/keyedMutex';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedMutex', () => {
  it('serialises work on one key and lets other keys run alongside', async () => {
    const lock = new KeyedMutex();
    const events: string[] = [];
    const job = (key: string, label: string, ms: number) =>
      lock.run(key, async () => {
        events.push(`${label}:start`);
        await tick(ms);
        events.push(`${label}:end`);
      });
    await Promise.all([job('sub/Api', 'a1', 20), job('sub/Api', 'a2', 1), job('sub/CloudPosture', 'c1', 5)]);
    assert.ok(events.indexOf('a1:end') < events.indexOf('a2:start'), events.join(' '));
    assert.ok(events.indexOf('c1:start') < events.indexOf('a1:end'), 'another key is not blocked');
    assert.equal(lock.size, 0, 'keys are forgotten once free');
  });

  it('releases the key when the work throws', async () => {
    const lock = new KeyedMutex();
    await assert.rejects(lock.run('k', async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await lock.run('k', async () => 'next'), 'next');
  });
});
