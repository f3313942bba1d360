/**
 * "Validate monitoring" after a successful enable or onboard: one short sentence per subscription saying how many APIs
 * are onboarded, whether posture data is there yet (Defender fills it within hours of onboarding), and the open API
 * alerts. What could not be read is said to be unreadable; it never turns the result into a failure.
 */
import { ALERT_SEVERITIES, countOpenBySeverity, type ApiAlert, type ApiPosture } from './monitoring';

export interface ValidationReads {
  subscriptionName: string;
  /** Or why it could not be read. */
  posture: { value: ApiPosture } | { error: string };
  alerts: { value: ApiAlert[] } | { error: string };
  /** "service/apiId" (lower-cased) of the APIs this request onboarded: Defender has no posture data for them yet. */
  justOnboarded?: string[];
}

function onboardingWords(posture: ApiPosture, justOnboarded: ReadonlySet<string>): string {
  const onboarded = posture.onboarded.length;
  const total = onboarded + posture.notOnboarded.length;
  if (total === 0) return 'no API Management APIs to onboard';
  const apis = `APIs onboarded ${onboarded} of ${total}`;
  if (onboarded === 0) return `${apis} (the onboard command asks for it), so no posture data yet`;
  const earlier = posture.onboarded.filter((api) => !justOnboarded.has(`${api.serviceName}/${api.apiId}`.toLowerCase()));
  const withData = earlier.some((api) => api.endpoints !== undefined);
  return `${apis}, posture data ${withData ? 'present' : 'appears within hours of onboarding'}`;
}

function alertWords(alerts: ApiAlert[]): string {
  const open = countOpenBySeverity(alerts);
  const bySeverity = ALERT_SEVERITIES.filter((severity) => open[severity] > 0).map((severity) => `${open[severity]} ${severity}`);
  return bySeverity.length === 0 ? 'no open API alerts' : `open API alerts: ${bySeverity.join(', ')}`;
}

export function validationSentence(reads: ValidationReads): string {
  const posture = 'value' in reads.posture ? onboardingWords(reads.posture.value, new Set(reads.justOnboarded ?? [])) : `APIs and posture could not be read (${reads.posture.error})`;
  const alerts = 'value' in reads.alerts ? alertWords(reads.alerts.value) : `alerts could not be read (${reads.alerts.error})`;
  return `${reads.subscriptionName}: ${posture}; ${alerts}.`;
}
