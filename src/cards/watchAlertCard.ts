/**
 * The watch's card for a new Defender for APIs alert, posted once in the approvers' channel and updated there when
 * someone takes or resolves it. Everything from the alert is untrusted text: names and the API are escaped in
 * TextBlocks and facts, the description and steps go in TextRuns (no markdown, so no links or mentions), and the portal
 * link is a button only when safePortalUrl() accepts it. Buttons carry the finding id only.
 */
import template from './templates/watchAlert.json';
import type { AlertAction } from '../core/watch/findings';
import type { ApiAlert } from '../core/monitoring';
import { executeAction } from './actions';
import { expandTemplate } from './expand';
import { safePortalUrl } from './portalLink';
import { escapeMarkdown, formatUtc, plainText } from './text';
import { bannerTextColor, toneColor, toneContainerStyle } from './tone';
import type { ActionJson, AdaptiveCardJson, Tone } from './types';
import { VERBS } from './verbs';

/** Steps beyond these, or longer, are for the portal: the card must stay readable and within Teams' size. */
export const WATCH_ALERT_MAX_STEPS = 6;
const STEP_MAX_LENGTH = 400;
const DESCRIPTION_MAX_LENGTH = 1500;

export interface WatchAlertCardModel {
  findingId: string;
  subscriptionName: string;
  alert: ApiAlert;
  /** Take it / Resolve so far, oldest first. */
  actions: AlertAction[];
}

const SEVERITY_TONES: Record<string, Tone> = { High: 'attention', Medium: 'warning', Low: 'default', Informational: 'default' };
const STATUS_WORDS: Record<string, string> = { Active: 'Active', InProgress: 'In progress', Resolved: 'Resolved', Dismissed: 'Dismissed' };
const ACTION_WORDS: Record<AlertAction['status'], string> = { InProgress: 'Taken (in progress)', Resolved: 'Resolved' };

/** The status the alert has now, as far as the bot knows: its last action, else what Azure said. */
export function currentAlertStatus(alert: ApiAlert, actions: readonly AlertAction[]): string {
  return actions.at(-1)?.status ?? alert.status;
}

export function watchAlertCardView(model: WatchAlertCardModel) {
  const { alert, actions } = model;
  const status = currentAlertStatus(alert, actions);
  const tone = SEVERITY_TONES[alert.severity] ?? 'default';
  const portalUrl = safePortalUrl(alert.portalUrl);
  const steps = alert.remediationSteps.slice(0, WATCH_ALERT_MAX_STEPS).map((step, index) => `${index + 1}. ${plainText(step, STEP_MAX_LENGTH)}`);
  if (alert.remediationSteps.length > WATCH_ALERT_MAX_STEPS) steps.push(`…and ${alert.remediationSteps.length - WATCH_ALERT_MAX_STEPS} more steps in the portal`);
  const buttons: Array<ActionJson | undefined> = [
    status === 'Active' ? executeAction({ title: 'Take it', verb: VERBS.alertTake, data: { findingId: model.findingId }, associatedInputs: 'none' }) : undefined,
    status === 'Active' || status === 'InProgress'
      ? executeAction({ title: 'Resolve', verb: VERBS.alertResolve, data: { findingId: model.findingId }, style: 'positive', associatedInputs: 'none' })
      : undefined,
    portalUrl ? { type: 'Action.OpenUrl', title: 'Open in portal', url: portalUrl } : undefined,
  ];
  return {
    title: `🚨 New Defender for APIs alert · ${escapeMarkdown(model.subscriptionName, 80)}`,
    headerStyle: toneContainerStyle(tone),
    headerColor: bannerTextColor(tone),
    severity: SEVERITY_TONES[alert.severity] ? alert.severity : escapeMarkdown(alert.severity, 20),
    severityColor: toneColor(tone),
    name: escapeMarkdown(alert.displayName, 160),
    facts: [
      { title: 'API', value: alert.compromisedEntity ? escapeMarkdown(alert.compromisedEntity, 120) : 'not named' },
      { title: 'Time', value: formatUtc(alert.timeGenerated) },
      { title: 'Status', value: STATUS_WORDS[status] ?? escapeMarkdown(status, 20) },
      { title: 'Subscription', value: `${escapeMarkdown(model.subscriptionName, 80)} (${escapeMarkdown(alert.subscriptionId, 40)})` },
    ],
    hasDescription: Boolean(alert.description?.trim()),
    // TextRuns render no markdown: the text stays exactly as Azure wrote it (one line each, capped).
    description: plainText(alert.description, DESCRIPTION_MAX_LENGTH),
    hasSteps: steps.length > 0,
    steps,
    hasHistory: actions.length > 0,
    history: actions.map((action) => `${ACTION_WORDS[action.status]} by ${escapeMarkdown(action.by.name, 60)} · ${formatUtc(action.at)}`),
    footer:
      status === 'Resolved'
        ? 'Resolved in Defender for Cloud. Hiding an alert (Dismiss) is left to the portal.'
        : 'Take it and Resolve change the alert in Defender for Cloud; approvers and responders may use them, and each is audited. Hiding an alert (Dismiss) is left to the portal.',
    actions: buttons.filter((button): button is ActionJson => button !== undefined),
  };
}

export function buildWatchAlertCard(model: WatchAlertCardModel): AdaptiveCardJson {
  return expandTemplate(template, watchAlertCardView(model));
}
