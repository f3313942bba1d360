/**
 * The watch (src/core/watch): how often it scans (DEFENDER_WATCH_INTERVAL, ISO 8601, `off` disables it), the least
 * severe alert it posts (DEFENDER_WATCH_MIN_SEVERITY) and who besides approvers may take or resolve an alert
 * (DEFENDER_RESPONDERS, Entra object ids).
 */
import { ALERT_SEVERITIES, type AlertSeverity } from '../core/monitoring';
import { parseIsoDurationMs } from './duration';
import { ConfigError, Env, readString } from './env';

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
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readInterval(env: Env, fallback: string): number | undefined {
  const raw = readString(env, 'DEFENDER_WATCH_INTERVAL') ?? fallback;
  if (raw.toLowerCase() === 'off') return undefined;
  const ms = parseIsoDurationMs(raw);
  if (ms === undefined || ms < MIN_WATCH_INTERVAL_MS || ms > MAX_WATCH_INTERVAL_MS) {
    throw new ConfigError('DEFENDER_WATCH_INTERVAL', `"${raw}" is not an ISO 8601 duration from PT10S to P1D, nor "off"`, `Use e.g. ${DEFAULT_WATCH_INTERVAL}, "off" to disable the watch, or unset it for the default`);
  }
  return ms;
}

function readMinSeverity(env: Env): AlertSeverity {
  const raw = readString(env, 'DEFENDER_WATCH_MIN_SEVERITY');
  if (raw === undefined) return 'Medium';
  const severity = ALERT_SEVERITIES.find((known) => known.toLowerCase() === raw.toLowerCase());
  if (!severity) throw new ConfigError('DEFENDER_WATCH_MIN_SEVERITY', `"${raw}" is not an alert severity`, `Use one of ${ALERT_SEVERITIES.join(', ')}, or unset it for Medium`);
  return severity;
}

function readResponders(env: Env): string[] {
  const items = (readString(env, 'DEFENDER_RESPONDERS') ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const bad = items.find((item) => !GUID.test(item));
  if (bad !== undefined) {
    throw new ConfigError('DEFENDER_RESPONDERS', `"${bad}" is not an Entra object id (a GUID)`, 'List object ids separated by commas; find one with `az ad user show --id <upn> --query id -o tsv`');
  }
  return [...new Set(items.map((item) => item.toLowerCase()))];
}

export function readWatchSettings(env: Env, mode: 'demo' | 'production'): WatchSettings {
  const intervalMs = readInterval(env, mode === 'demo' ? DEMO_WATCH_INTERVAL : DEFAULT_WATCH_INTERVAL);
  return { ...(intervalMs !== undefined ? { intervalMs } : {}), minSeverity: readMinSeverity(env), responders: readResponders(env) };
}
