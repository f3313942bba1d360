/**
 * The watch (src/core/watch): how often it scans (DEFENDER_WATCH_INTERVAL, ISO 8601, `off` disables it), the least
 * severe alert it posts (DEFENDER_WATCH_MIN_SEVERITY) and who besides approvers may take or resolve an alert
 * (DEFENDER_RESPONDERS, Entra object ids).
 */
import { ALERT_SEVERITIES, type AlertSeverity } from '../core/monitoring';
import { ConfigError, Env, readDurationMs, readList, readString } from './env';

export interface WatchSettings {
  /** Between two scans; undefined when the watch is off. */
  intervalMs?: number;
  minSeverity: AlertSeverity;
  /** Lower-cased Entra object ids allowed to take and resolve alerts, besides the approvers. */
  responders: string[];
}

export const DEFAULT_WATCH_INTERVAL = 'PT15M';
/** Demo mode scans more often, so a change made in the simulator shows up in the Playground within a minute. */
export const DEMO_WATCH_INTERVAL = 'PT30S';
export const MIN_WATCH_INTERVAL_MS = 10_000;
const MAX_WATCH_INTERVAL_MS = 86_400_000;
function readInterval(env: Env, fallback: string): number | undefined {
  if ((readString(env, 'DEFENDER_WATCH_INTERVAL') ?? fallback).toLowerCase() === 'off') return undefined;
  return readDurationMs(env, 'DEFENDER_WATCH_INTERVAL', fallback, {
    minMs: MIN_WATCH_INTERVAL_MS,
    maxMs: MAX_WATCH_INTERVAL_MS,
    words: 'PT10S to P1D, nor "off"',
    hint: `Use e.g. ${DEFAULT_WATCH_INTERVAL}, "off" to disable the watch, or unset it for the default`,
  });
}

function readMinSeverity(env: Env): AlertSeverity {
  const raw = readString(env, 'DEFENDER_WATCH_MIN_SEVERITY');
  if (raw === undefined) return 'Medium';
  const severity = ALERT_SEVERITIES.find((known) => known.toLowerCase() === raw.toLowerCase());
  if (!severity) throw new ConfigError('DEFENDER_WATCH_MIN_SEVERITY', `"${raw}" is not an alert severity`, `Use one of ${ALERT_SEVERITIES.join(', ')}, or unset it for Medium`);
  return severity;
}

function readResponders(env: Env): string[] {
  return [...new Set(readList(env, 'DEFENDER_RESPONDERS', { guids: true }) ?? [])];
}

export function readWatchSettings(env: Env, mode: 'demo' | 'production'): WatchSettings {
  const intervalMs = readInterval(env, mode === 'demo' ? DEMO_WATCH_INTERVAL : DEFAULT_WATCH_INTERVAL);
  return { ...(intervalMs !== undefined ? { intervalMs } : {}), minSeverity: readMinSeverity(env), responders: readResponders(env) };
}
