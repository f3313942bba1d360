/** The pure limiter and its configuration: exact window edges, per-key isolation, bounded memory, clear config errors. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigError } from '../../src/config';
import { DEFAULT_RATE_LIMITS, readRateLimitSettings } from '../../src/config/rateLimitSettings';
import { describeRetry, SlidingWindowLimiter } from '../../src/core/rateLimit';
import { ManualClock } from '../support/manualClock';

describe('sliding-window rate limiter', () => {
  it('allows `limit` events per window, refuses the next with the exact retry time, and allows again then', () => {
    const clock = new ManualClock(new Date('2026-01-01T09:00:00Z'));
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 60_000 }, clock);
    for (let event = 0; event < 3; event++) {
      assert.equal(limiter.take('alice').allowed, true);
      clock.advance(10_000);
    }
    const refused = limiter.take('alice');
    assert.ok(!refused.allowed);
    assert.equal(refused.retryAt.toISOString(), '2026-01-01T09:01:00.000Z');
    assert.equal(refused.retryAfterMs, 30_000);
    assert.equal(limiter.take('bob').allowed, true, 'another person is counted separately');
    clock.advance(29_999);
    assert.equal(limiter.take('alice').allowed, false);
    clock.advance(1);
    assert.equal(limiter.take('alice').allowed, true, 'the oldest event left the window');
  });

  it('never allows more than `limit` events in any window (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 600_000 }), fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 60 }), (limit, windowMs, gaps) => {
        const clock = new ManualClock(new Date(0));
        const limiter = new SlidingWindowLimiter({ limit, windowMs }, clock);
        const allowedAt: number[] = [];
        for (const gap of gaps) {
          clock.advance(gap);
          const decision = limiter.take('key');
          if (decision.allowed) allowedAt.push(clock.now().getTime());
          else assert.ok(decision.retryAfterMs > 0 && decision.retryAfterMs <= windowMs);
        }
        for (const start of allowedAt) assert.ok(allowedAt.filter((at) => at >= start && at < start + windowMs).length <= limit);
      }),
      { numRuns: 300 },
    );
  });

  it('forgets idle people, so memory is bounded by those active in one window', () => {
    const clock = new ManualClock(new Date(0));
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 }, clock);
    for (let person = 0; person < 10_001; person++) limiter.take(`person-${person}`);
    clock.advance(1001);
    limiter.take('latecomer');
    assert.equal(limiter.trackedKeys, 1);
  });

  it('says when to retry in words and as a UTC time', () => {
    assert.equal(describeRetry(4 * 60_000 - 1, new Date('2026-01-01T09:14:00Z')), 'in 4 minutes (at 09:14:00 UTC)');
    assert.equal(describeRetry(1_500, new Date('2026-01-01T09:14:02Z')), 'in 2 seconds (at 09:14:02 UTC)');
  });

  it('reads DEFENDER_RATE_LIMIT_* as <count>/<ISO duration>, with defaults, and refuses nonsense naming the variable', () => {
    assert.deepEqual(readRateLimitSettings({}), DEFAULT_RATE_LIMITS);
    assert.deepEqual(readRateLimitSettings({ DEFENDER_RATE_LIMIT_LIST: '20/PT5M' }).list, { limit: 20, windowMs: 300_000 });
    for (const bad of ['10', '0/PT1M', '10/10m', '-1/PT1M', '10/P1Y', '10/PT0.5S']) {
      assert.throws(() => readRateLimitSettings({ DEFENDER_RATE_LIMIT_ENABLE: bad }), (error: unknown) => error instanceof ConfigError && error.variable === 'DEFENDER_RATE_LIMIT_ENABLE', bad);
    }
  });
});
