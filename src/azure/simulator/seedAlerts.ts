/**
 * Checks one seeded (or control-route) security alert: the fields the simulator needs, then the whole object
 * against the spec's `AlertProperties`, so every alert it will ever list is one the spec accepts.
 */
import { specValidator } from './spec/specValidator';

export const ALERT_SEVERITY_NAMES = ['Informational', 'Low', 'Medium', 'High'];
export const ALERT_STATUS_NAMES = ['Active', 'InProgress', 'Resolved', 'Dismissed'];
/** Resource fields the simulator fills; a seed that sets them would contradict the alert's own id. */
const FILLED_BY_THE_SIMULATOR = ['id', 'name', 'type'];
const LOCATION = /^[a-z0-9]+$/i;

export interface SeedProblem {
  field: string;
  problem: string;
}

/** Undefined when the alert is good; otherwise the first bad field (under `at`) and what was expected. */
export function alertSeedProblem(raw: unknown, at: string): SeedProblem | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { field: at, problem: `must be a JSON object, got ${JSON.stringify(raw) ?? 'nothing'}` };
  const alert = raw as Record<string, unknown>;
  for (const field of ['alertType', 'alertDisplayName']) {
    if (typeof alert[field] !== 'string' || (alert[field] as string).trim() === '') return { field: `${at}.${field}`, problem: 'must be a non-empty string' };
  }
  if (!ALERT_SEVERITY_NAMES.includes(alert.severity as string)) return { field: `${at}.severity`, problem: `is ${JSON.stringify(alert.severity) ?? 'nothing'}; expected one of ${ALERT_SEVERITY_NAMES.join(', ')}` };
  const filled = FILLED_BY_THE_SIMULATOR.find((field) => field in alert);
  if (filled) return { field: `${at}.${filled}`, problem: 'is filled by the simulator; remove it' };
  if (alert.location !== undefined && !(typeof alert.location === 'string' && LOCATION.test(alert.location))) {
    return { field: `${at}.location`, problem: 'must be an Azure location name such as "westeurope"' };
  }
  const delay = alert.appearsAfterSeconds;
  if (delay !== undefined && !(typeof delay === 'number' && Number.isInteger(delay) && delay >= 0 && delay <= 86_400)) {
    return { field: `${at}.appearsAfterSeconds`, problem: 'must be a whole number of seconds from 0 to 86400' };
  }
  const { location: _location, appearsAfterSeconds: _delay, ...properties } = alert;
  const verdict = specValidator().validateResponse('AlertProperties', properties);
  if (!verdict.valid) return { field: `${at}.${verdict.field}`, problem: `${verdict.message} (alerts.json 2022-01-01, AlertProperties)` };
  return undefined;
}
