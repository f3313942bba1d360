import assert from 'node:assert/strict';
import { mapWithConcurrency } from '../../src/azure/boundedConcurrency';

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once and keeps the input order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 6, 1, 2], 3, async (value) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, value * 3));
      inFlight -= 1;
      return value * 10;
    });
    assert.deepEqual(results, [50, 10, 40, 20, 30, 60, 10, 20]);
    assert.equal(maxInFlight, 3);
  });

  it('refuses a limit below one', async () => {
    await assert.rejects(mapWithConcurrency([1], 0, async (value) => value), RangeError);
  });
});
