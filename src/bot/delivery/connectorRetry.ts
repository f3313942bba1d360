/**
 * Teams answers 429 (with Retry-After) past 7 operations a second, 60 per 30 s or 1,800 an hour per bot and
 * conversation, 412 to concurrent updates of one message, and sometimes 502/503/504. Those are retried here with
 * backoff and jitter, a bounded number of times; anything else, or the last failure, is thrown to the caller.
 * The connector's own pipeline already retries 429 and 5xx up to three times, so each attempt here is up to four
 * calls: a few attempts are enough, and a card still behind after them is left to the sweeper, not hammered.
 */
const RETRIED_STATUSES = new Set([412, 429, 502, 503, 504]);

export interface ConnectorRetryOptions {
  /** Attempts in all; default 3. */
  maxAttempts?: number;
  /** First backoff; doubles each time (plus jitter), capped at maxDelayInMs. Default 500 ms. */
  baseDelayInMs?: number;
  maxDelayInMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The HTTP status and Retry-After of a failed connector call, as botframework-connector's RestError carries them. */
export function connectorFailure(error: unknown): { status?: number; retryAfterMs?: number } {
  const candidate = error as { statusCode?: number; response?: { status?: number; headers?: { get?(name: string): string | undefined } } };
  const status = candidate?.statusCode ?? candidate?.response?.status;
  const header = candidate?.response?.headers?.get?.('retry-after');
  const seconds = header === undefined ? NaN : Number(header);
  return { status, ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1000 } : {}) };
}

export async function withConnectorRetries<T>(call: () => Promise<T>, options: ConnectorRetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 3;
  const base = options.baseDelayInMs ?? 500;
  const cap = options.maxDelayInMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const { status, retryAfterMs } = connectorFailure(error);
      if (status === undefined || !RETRIED_STATUSES.has(status) || attempt >= maxAttempts) throw error;
      const backoff = Math.min(cap, base * 2 ** (attempt - 1));
      await sleep(Math.min(cap, Math.max(retryAfterMs ?? 0, backoff / 2 + Math.random() * (backoff / 2))));
    }
  }
}
