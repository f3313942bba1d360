/**
 * Per-user rate limits, as "<count>/<ISO 8601 duration>": DEFENDER_RATE_LIMIT_ENABLE (default 10/PT10M),
 * DEFENDER_RATE_LIMIT_APPROVALS (30/PT10M), DEFENDER_RATE_LIMIT_LIST (6/PT1M, fleet-wide reads incl. Show more).
 * They bound what one person (or one stolen session) can make the bot do to ARM and to approvers' chats.
 */
import { parseIsoDurationMs } from './duration';
import { ConfigError, Env, readString } from './env';

export interface RateLimitSetting {
  limit: number;
  windowMs: number;
}

export interface RateLimitSettings {
  /** `enable` and the status card's Enable button: each may open a request that approvers are asked about. */
  enable: RateLimitSetting;
  /** Approve clicks, whatever their outcome. */
  approvals: RateLimitSetting;
  /** `list` and Show more: each reads every visible subscription. */
  list: RateLimitSetting;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  enable: { limit: 10, windowMs: 10 * 60_000 },
  approvals: { limit: 30, windowMs: 10 * 60_000 },
  list: { limit: 6, windowMs: 60_000 },
};

const MAX_COUNT = 10_000;
const MIN_WINDOW_MS = 1_000;
const MAX_WINDOW_MS = 86_400_000;

function readRateLimit(env: Env, variable: string, fallback: RateLimitSetting): RateLimitSetting {
  const raw = readString(env, variable);
  if (raw === undefined) return fallback;
  const match = /^(\d+)\s*\/\s*(\S+)$/.exec(raw);
  const limit = match ? Number(match[1]) : NaN;
  const windowMs = match ? parseIsoDurationMs(match[2]) : undefined;
  if (!match || limit < 1 || limit > MAX_COUNT || windowMs === undefined || windowMs < MIN_WINDOW_MS || windowMs > MAX_WINDOW_MS) {
    throw new ConfigError(
      variable,
      `"${raw}" is not "<count>/<duration>" with a count from 1 to ${MAX_COUNT} and a duration from 1 second to 1 day`,
      'Use e.g. 10/PT10M (ten per ten minutes) or 6/PT1M, or unset it for the default',
    );
  }
  return { limit, windowMs };
}

export function readRateLimitSettings(env: Env): RateLimitSettings {
  return {
    enable: readRateLimit(env, 'DEFENDER_RATE_LIMIT_ENABLE', DEFAULT_RATE_LIMITS.enable),
    approvals: readRateLimit(env, 'DEFENDER_RATE_LIMIT_APPROVALS', DEFAULT_RATE_LIMITS.approvals),
    list: readRateLimit(env, 'DEFENDER_RATE_LIMIT_LIST', DEFAULT_RATE_LIMITS.list),
  };
}
