/** One ARM call, retries included, is bounded by callTimeoutInMs: crash recovery relies on that bound. */
import assert from 'node:assert/strict';
import { isDefenderError } from '../../src/core/errors';
import { SUB_PROD_EU, planEnable, startHarness, type Harness } from './simulatorHarness';

describe('ARM call timeout', () => {
  let harness: Harness;
  afterEach(() => harness.close());

  it('gives up on a read after the budget with an error that says so', async () => {
    harness = await startHarness(undefined, { callTimeoutInMs: 1000 });
    const reads = harness.simulator.hold({ method: 'GET', pathIncludes: '/pricings' });
    await assert.rejects(harness.client.readSettings(SUB_PROD_EU), (error: unknown) =>
      isDefenderError(error) && error.code === 'ArmUnavailable' && /did not finish the request to read the Defender pricings within 1 s, retries included\. Try again/.test(error.message));
    reads.stop();
  });

  it('a write that timed out says it may still have been applied', async () => {
    harness = await startHarness(undefined, { callTimeoutInMs: 1000 });
    const target = await planEnable(harness.client, SUB_PROD_EU);
    const current = await harness.client.readSettings(SUB_PROD_EU);
    const writes = harness.simulator.hold({ method: 'PUT' });
    const outcome = await harness.client.applyTarget(target, current);
    writes.stop();
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.settings[0].error?.message ?? '', /within 1 s, retries included\. The change may still have been applied: check `status`/);
  });
});
