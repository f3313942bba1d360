/**
 * Injected failures. Random ones (throttling, 503s) come from a seeded PRNG so that a run repeats exactly;
 * targeted ones (`failNext`) let a test break one specific call.
 */
import { FaultRule, Faults } from './types';

export const DEFAULT_FAULTS: Faults = {
  latencyMs: 0,
  throttleRate: 0,
  serverErrorRate: 0,
  seed: 1,
  retryAfterMs: 1000,
  graphLagMs: 0,
  graphUnavailable: false,
  graphQuotaWindowMs: 5000,
  graphTenantSubscriptionLimit: 10_000,
  graphWithoutReader: false,
};

/** mulberry32: tiny, fast, and good enough to pick which requests fail. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'throttle'; retryAfterMs: number }
  | { kind: 'server-error' }
  | { kind: 'rule'; rule: FaultRule };

export class FaultInjector {
  private faults: Faults;
  private random: () => number;
  private rules: Array<FaultRule & { remaining: number }> = [];

  constructor(initial: Partial<Faults> = {}) {
    this.faults = validateFaults({ ...DEFAULT_FAULTS, ...initial });
    this.random = mulberry32(this.faults.seed);
  }

  current(): Faults {
    return { ...this.faults };
  }

  /** Merges the given settings; passing `seed` restarts the random sequence. */
  set(update: Partial<Faults>): void {
    this.faults = validateFaults({ ...this.faults, ...update });
    if (update.seed !== undefined) this.random = mulberry32(this.faults.seed);
  }

  failNext(rule: FaultRule): void {
    if (!Number.isInteger(rule.status) || rule.status < 400 || rule.status > 599) {
      throw new RangeError(`InvalidFaultRule: status ${rule.status} must be an HTTP error status (400-599)`);
    }
    this.rules.push({ ...rule, remaining: rule.count ?? 1 });
  }

  clearRules(): void {
    this.rules = [];
  }

  /** Decides the fate of one ARM request. Both random draws always happen, so one rate does not shift the other's sequence. */
  decide(method: string, path: string): FaultDecision {
    const throttleDraw = this.random();
    const serverErrorDraw = this.random();
    const rule = this.rules.find(
      (candidate) =>
        (!candidate.method || candidate.method.toUpperCase() === method.toUpperCase()) &&
        (!candidate.pathIncludes || path.toLowerCase().includes(candidate.pathIncludes.toLowerCase())),
    );
    if (rule) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
      return { kind: 'rule', rule };
    }
    if (throttleDraw < this.faults.throttleRate) return { kind: 'throttle', retryAfterMs: this.faults.retryAfterMs };
    if (serverErrorDraw < this.faults.serverErrorRate) return { kind: 'server-error' };
    return { kind: 'none' };
  }
}

export function validateFaults(faults: Faults): Faults {
  const check = (field: keyof Faults, ok: boolean, expected: string) => {
    if (!ok) throw new RangeError(`InvalidFaults: faults.${field} is ${JSON.stringify(faults[field])}; expected ${expected}`);
  };
  check('latencyMs', Number.isFinite(faults.latencyMs) && faults.latencyMs >= 0, 'a number of milliseconds >= 0');
  check('throttleRate', faults.throttleRate >= 0 && faults.throttleRate <= 1, 'a fraction from 0 to 1');
  check('serverErrorRate', faults.serverErrorRate >= 0 && faults.serverErrorRate <= 1, 'a fraction from 0 to 1');
  check('seed', Number.isInteger(faults.seed), 'an integer');
  check('retryAfterMs', Number.isInteger(faults.retryAfterMs) && faults.retryAfterMs >= 0, 'a whole number of milliseconds >= 0');
  check('graphLagMs', Number.isInteger(faults.graphLagMs) && faults.graphLagMs >= 0, 'a whole number of milliseconds >= 0');
  check('graphUnavailable', typeof faults.graphUnavailable === 'boolean', 'true or false');
  check('graphQuotaWindowMs', Number.isInteger(faults.graphQuotaWindowMs) && faults.graphQuotaWindowMs > 0, 'a whole number of milliseconds > 0');
  check('graphTenantSubscriptionLimit', Number.isInteger(faults.graphTenantSubscriptionLimit) && faults.graphTenantSubscriptionLimit > 0, 'a whole number > 0');
  check('graphWithoutReader', typeof faults.graphWithoutReader === 'boolean', 'true or false');
  return faults;
}
