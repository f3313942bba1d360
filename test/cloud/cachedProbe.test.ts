import assert from 'node:assert/strict';
import { cachedProbe } from '../../src/wiring/cachedProbe';
import { ManualClock } from '../support/manualClock';

const MINUTE = 60_000;

function countingProbe(outcomes: Array<'ok' | 'fail' | 'hang'>) {
  let calls = 0;
  const probe = async () => {
    const outcome = outcomes[Math.min(calls, outcomes.length - 1)];
    calls++;
    if (outcome === 'fail') throw new Error(`failure ${calls}`);
    if (outcome === 'hang') await new Promise(() => undefined);
  };
  return { probe, calls: () => calls };
}

describe('cachedProbe (readiness checks that must not call upstream on every poll)', () => {
  const options = (clock: ManualClock) => ({ clock, successTtlInMs: 5 * MINUTE, failureTtlInMs: 30_000, timeoutInMs: 1000 });

  it('reuses a success for its TTL, then asks again', async () => {
    const clock = new ManualClock();
    const { probe, calls } = countingProbe(['ok']);
    const check = cachedProbe(probe, options(clock));
    await check();
    clock.advance(4 * MINUTE);
    await check();
    await check();
    assert.equal(calls(), 1);
    clock.advance(MINUTE);
    await check();
    assert.equal(calls(), 2);
  });

  it('reuses a failure for a shorter time, so recovery shows within the failure TTL', async () => {
    const clock = new ManualClock();
    const { probe, calls } = countingProbe(['fail', 'ok']);
    const check = cachedProbe(probe, options(clock));
    await assert.rejects(check(), /failure 1/);
    clock.advance(29_000);
    await assert.rejects(check(), /failure 1/);
    assert.equal(calls(), 1);
    clock.advance(1000);
    await check();
    assert.equal(calls(), 2);
  });

  it('lets concurrent probes share one call in flight', async () => {
    const clock = new ManualClock();
    const { probe, calls } = countingProbe(['ok']);
    const check = cachedProbe(probe, options(clock));
    await Promise.all([check(), check(), check()]);
    assert.equal(calls(), 1);
  });

  it('fails a probe that does not answer in time instead of hanging /readyz', async () => {
    const clock = new ManualClock();
    const { probe } = countingProbe(['hang']);
    const check = cachedProbe(probe, { ...options(clock), timeoutInMs: 30 });
    await assert.rejects(check(), /^Error: no answer within 30 ms$/);
  });
});
