/** A clock the test moves by hand, so expiry and caches are tested without sleeping. */
import type { Clock } from '../../src/core/ports';

export class ManualClock implements Clock {
  constructor(private current = new Date('2025-03-01T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
