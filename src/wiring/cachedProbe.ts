/**
 * A readiness probe that is expensive or rate-limited upstream (a token request): its last answer is reused for a
 * while, so a load balancer polling /readyz every few seconds costs one upstream call every few minutes.
 * Concurrent probes share one call in flight. Failures are kept shorter than successes, so recovery shows soon.
 */
import type { Clock } from '../core/ports';

export interface CachedProbeOptions {
  clock: Clock;
  successTtlInMs: number;
  failureTtlInMs: number;
  /** A probe that has not answered by then fails with "no answer within …", so /readyz itself never hangs. */
  timeoutInMs: number;
}

type Outcome = { at: number; error?: Error };

export function cachedProbe(probe: () => Promise<void>, options: CachedProbeOptions): () => Promise<void> {
  let last: Outcome | undefined;
  let inFlight: Promise<Outcome> | undefined;

  const fresh = (outcome: Outcome) =>
    options.clock.now().getTime() - outcome.at < (outcome.error ? options.failureTtlInMs : options.successTtlInMs);

  const run = async (): Promise<Outcome> => {
    try {
      await withTimeout(probe(), options.timeoutInMs);
      return { at: options.clock.now().getTime() };
    } catch (error) {
      return { at: options.clock.now().getTime(), error: error instanceof Error ? error : new Error(String(error)) };
    }
  };

  return async () => {
    if (!last || !fresh(last)) {
      inFlight ??= run().finally(() => (inFlight = undefined));
      last = await inFlight;
    }
    if (last.error) throw last.error;
  };
}

async function withTimeout(work: Promise<void>, timeoutInMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    const limit = timeoutInMs < 1000 ? `${timeoutInMs} ms` : `${Math.round(timeoutInMs / 1000)} s`;
    timer = setTimeout(() => reject(new Error(`no answer within ${limit}`)), timeoutInMs);
    timer.unref();
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
