/** The fake's throttling at Teams' own numbers, on a clock the test moves: 7 / 1 s, 60 / 30 s, 1,800 / h per conversation. */
import assert from 'node:assert/strict';
import { RateLimiter, TEAMS_RATE_WINDOWS } from './teamsConnector/rateLimiter';

function limiterAt(startMs = 0) {
  const clock = { nowMs: startMs };
  return { clock, limiter: new RateLimiter({}, () => clock.nowMs) };
}

/** `count` operations on `key`, `spacingMs` apart; the decisions. */
function operate(setup: ReturnType<typeof limiterAt>, count: number, spacingMs: number, key = 'a:chat') {
  return Array.from({ length: count }, (_, index) => {
    if (index > 0) setup.clock.nowMs += spacingMs;
    return setup.limiter.take(key);
  });
}

describe('the Teams connector fake: rate limits', () => {
  it('defaults to Teams\' windows', () => {
    assert.deepEqual(TEAMS_RATE_WINDOWS, [
      { operations: 7, windowInMs: 1_000 },
      { operations: 60, windowInMs: 30_000 },
      { operations: 1_800, windowInMs: 3_600_000 },
    ]);
  });

  it('refuses the 8th operation within a second, with Retry-After 1, and lets it through once the first is a second old', () => {
    const setup = limiterAt();
    assert.ok(operate(setup, 7, 100).every((decision) => decision.allowed));
    setup.clock.nowMs = 999;
    assert.deepEqual(setup.limiter.take('a:chat'), { allowed: false, retryAfterSeconds: 1, window: TEAMS_RATE_WINDOWS[0] });
    assert.deepEqual(setup.limiter.take('a:other-chat'), { allowed: true }, 'per conversation');
    setup.clock.nowMs = 1_000;
    assert.deepEqual(setup.limiter.take('a:chat'), { allowed: true });
  });

  it('refuses the 61st operation within 30 s, and says when the window has room again', () => {
    const setup = limiterAt();
    assert.ok(operate(setup, 60, 200).every((decision) => decision.allowed), '5 a second stays under 7 a second');
    setup.clock.nowMs += 200; // t = 12 s: the first operation leaves the window at 30 s
    const refused = setup.limiter.take('a:chat');
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 18, window: TEAMS_RATE_WINDOWS[1] });
  });

  it('refuses the 1,801st operation within an hour', () => {
    const setup = limiterAt();
    assert.ok(operate(setup, 1_800, 1_000).every((decision) => decision.allowed), 'one a second stays under 60 in 30 s');
    setup.clock.nowMs += 1_000; // t = 1,800 s: the first operation leaves the hour at 3,600 s
    assert.deepEqual(setup.limiter.take('a:chat'), { allowed: false, retryAfterSeconds: 1_800, window: TEAMS_RATE_WINDOWS[2] });
  });

  it('does not count refused operations, and lets everything through with no windows', () => {
    const clock = { nowMs: 0 };
    const oneASecond = new RateLimiter({ windows: [{ operations: 1, windowInMs: 1_000 }] }, () => clock.nowMs);
    const decisions = [0, 600, 1_000].map((atMs) => ((clock.nowMs = atMs), oneASecond.take('a:chat').allowed));
    assert.deepEqual(decisions, [true, false, true], 'the refused one at 600 ms took no room');
    const open = new RateLimiter({ windows: [] }, () => 0);
    assert.ok(Array.from({ length: 10_000 }, () => open.take('a:chat')).every((decision) => decision.allowed));
  });
});
