/** The quota gate's arithmetic, with a clock and a sleep the test controls. */
import assert from 'node:assert/strict';
import { parseResetsAfter } from '../../../src/azure/models/resourceGraph';
import { QuotaGate } from '../../../src/azure/resourceGraph/quotaGate';
import { ManualClock } from '../../support/manualClock';

const headers = (remaining: string, resetsAfter: string) => ({ get: (name: string) => ({ 'x-ms-user-quota-remaining': remaining, 'x-ms-user-quota-resets-after': resetsAfter })[name] });

describe('Resource Graph quota gate', () => {
  it('reads hh:mm:ss (and d.hh:mm:ss with fractions); anything else is unknown', () => {
    assert.equal(parseResetsAfter('00:00:05'), 5000);
    assert.equal(parseResetsAfter('1.02:03:04.5'), ((26 * 60 + 3) * 60 + 4) * 1000 + 500);
    assert.equal(parseResetsAfter('5 seconds'), undefined);
    assert.equal(parseResetsAfter(undefined), undefined);
  });

  it('sends freely until the service says the quota is spent, then waits exactly until the window resets', async () => {
    const clock = new ManualClock();
    const sleeps: number[] = [];
    const gate = new QuotaGate({ clock, sleep: async (ms) => void sleeps.push(ms) });
    await gate.acquire();
    gate.release(headers('1', '00:00:03'));
    await gate.acquire(); // the last one of the window
    gate.release(headers('0', '00:00:02'));
    clock.advance(500);
    await gate.acquire();
    assert.deepEqual(sleeps, [1500], 'held back for what was left of the window');
    gate.release(headers('14', '00:00:05'));
    await gate.acquire();
    assert.deepEqual(sleeps, [1500], 'a fresh window: no wait');
  });

  it('counts queries still in flight as spent', async () => {
    const clock = new ManualClock();
    const sleeps: number[] = [];
    const gate = new QuotaGate({ clock, sleep: async (ms) => void sleeps.push(ms) });
    await Promise.all([gate.acquire(), gate.acquire(), gate.acquire()]);
    gate.release(headers('2', '00:00:04')); // two still in flight: none left for us
    await gate.acquire();
    assert.deepEqual(sleeps, [4000]);
    gate.release();
    gate.release();
  });
});
