import assert from 'node:assert/strict';
import { OPEN_STATUSES, TRANSITIONS, TransitionError, assertTransition, canTransition, isTerminalStatus } from '../../../src/core/approval';
import type { RequestStatus } from '../../../src/core/approval';

const ALL: RequestStatus[] = Object.keys(TRANSITIONS) as RequestStatus[];

describe('request state machine', () => {
  it('allows exactly the documented paths', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    assert.deepEqual(allowed.sort(), [
      'approved→executing',
      'executing→failed',
      'executing→partially-failed',
      'executing→stale',
      'executing→succeeded',
      'pending→approved',
      'pending→cancelled',
      'pending→expired',
      'pending→rejected',
      'pending→stale',
    ]);
  });

  it('refuses every other path with a coded error naming both ends', () => {
    assert.throws(() => assertTransition('rejected', 'executing'), (error: unknown) =>
      error instanceof TransitionError && error.code === 'InvalidTransition' && /rejected to executing/.test(error.message));
    assert.throws(() => assertTransition('pending', 'executing'), TransitionError, 'approval must pass through approved');
    assert.throws(() => assertTransition('succeeded', 'failed'), TransitionError);
  });

  it('treats pending, approved and executing as open and every end state as terminal', () => {
    assert.deepEqual([...OPEN_STATUSES], ['pending', 'approved', 'executing']);
    const terminal = ALL.filter(isTerminalStatus).sort();
    assert.deepEqual(terminal, ['cancelled', 'expired', 'failed', 'partially-failed', 'rejected', 'stale', 'succeeded']);
  });
});
