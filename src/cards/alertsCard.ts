/**
 * `alerts [sub]`: Defender for APIs alerts of the last 7 days, newest first, a page at a time. Names, APIs and
 * descriptions come from Azure and are untrusted: escaped in TextBlocks, plain in a TextRun; the portal link
 * becomes a button only when safePortalUrl() accepts it.
 */
import template from './templates/alerts.json';
import { ALERT_SEVERITIES, countOpenBySeverity, newestFirst, type ApiAlert } from '../core/monitoring';
import { executeAction } from './actions';
import { expandTemplate } from './expand';
import type { AlertsCardModel } from './models';
import { pageOf, showingWords } from './paging';
import { safePortalUrl } from './portalLink';
import { escapeMarkdown, formatUtc, plainText, plural, withCodeOnce } from './text';
import { bannerTextColor, toneColor, toneContainerStyle } from './tone';
import type { AdaptiveCardJson, Tone } from './types';
import { VERBS } from './verbs';

/** Eight alerts, each at its longest, stay within Teams' card size (test/cards/alertsCard.test.ts checks). */
export const ALERTS_PAGE_SIZE = 8;
/** Subscriptions whose alerts could not be read, named on the first page. */
export const ALERTS_MAX_UNREADABLE = 4;
/** Long enough for the fix an error names (an `az` command), short enough for a phone. */
const ERROR_MAX_LENGTH = 320;

const SEVERITY_TONES: Record<string, Tone> = { High: 'attention', Medium: 'warning', Low: 'default', Informational: 'default' };
const STATUS_WORDS: Record<string, string> = { Active: 'Active', InProgress: 'In progress', Resolved: 'Resolved', Dismissed: 'Dismissed' };

type ShownAlert = ApiAlert & { subscriptionName: string };

function alertView(alert: ShownAlert, showSubscription: boolean) {
  const known = alert.severity in SEVERITY_TONES;
  const portalUrl = safePortalUrl(alert.portalUrl);
  const detail = [
    `API: ${alert.compromisedEntity ? escapeMarkdown(alert.compromisedEntity, 80) : 'not named'}`,
    formatUtc(alert.timeGenerated),
    STATUS_WORDS[alert.status] ?? escapeMarkdown(alert.status, 20),
    ...(showSubscription ? [escapeMarkdown(alert.subscriptionName, 60)] : []),
  ];
  return {
    severity: known ? alert.severity : escapeMarkdown(alert.severity, 20),
    severityColor: toneColor(SEVERITY_TONES[alert.severity] ?? 'default'),
    name: escapeMarkdown(alert.displayName, 100),
    detail: detail.join(' · '),
    hasDescription: Boolean(alert.description?.trim()),
    // A TextRun renders no markdown, so the text stays as Azure wrote it (one line, capped).
    description: plainText(alert.description, 200),
    hasPortalLink: portalUrl !== undefined,
    portalUrl: portalUrl ?? '',
  };
}

function headlineOf(alerts: ApiAlert[]): { headline: string; tone: Tone } {
  if (alerts.length === 0) return { headline: '✅ No Defender for APIs alerts in the last 7 days.', tone: 'good' };
  const open = countOpenBySeverity(alerts);
  const openCount = ALERT_SEVERITIES.reduce((total, severity) => total + open[severity], 0);
  const bySeverity = ALERT_SEVERITIES.filter((severity) => open[severity] > 0).map((severity) => `${open[severity]} ${severity}`);
  const tone: Tone = open.High > 0 ? 'attention' : open.Medium > 0 ? 'warning' : 'default';
  const openWords = openCount === 0 ? 'none open' : `${openCount} open: ${bySeverity.join(', ')}`;
  return { headline: `${plural(alerts.length, 'alert')} in the last 7 days · ${openWords}`, tone };
}

export function alertsCardView(model: AlertsCardModel) {
  const fleetWide = model.subscription === undefined;
  const names = new Map(model.rows.map((row) => [row.subscription.subscriptionId, row.subscription.displayName]));
  const alerts: ShownAlert[] = newestFirst(model.rows.flatMap((row) => row.alerts ?? [])).map((alert) => ({ ...alert, subscriptionName: names.get(alert.subscriptionId) ?? alert.subscriptionId }));
  const unreadable = model.rows.filter((row) => row.error);
  const shown = pageOf(alerts, model.page, model.pageSize ?? ALERTS_PAGE_SIZE);
  const { headline, tone } = headlineOf(alerts);
  const unreadableLines = unreadable.slice(0, ALERTS_MAX_UNREADABLE).map((row) => `• ${escapeMarkdown(row.subscription.displayName, 60)}: ${escapeMarkdown(withCodeOnce(row.error!), ERROR_MAX_LENGTH)}`);
  if (unreadable.length > ALERTS_MAX_UNREADABLE) unreadableLines.push(`…and ${unreadable.length - ALERTS_MAX_UNREADABLE} more`);
  const scope = fleetWide ? `${plural(model.rows.length, 'subscription')}` : escapeMarkdown(model.subscription!.displayName, 80);
  const more = shown.nextPage ? { page: shown.nextPage, ...(fleetWide ? {} : { subscriptionId: model.subscription!.subscriptionId }) } : undefined;
  return {
    title: `Defender for APIs alerts · ${scope}`,
    headline,
    headlineColor: bannerTextColor(tone),
    headlineStyle: toneContainerStyle(tone),
    alerts: shown.items.map((alert) => alertView(alert, fleetWide)),
    // Named on the first page only: later pages are about more alerts.
    hasUnreadable: unreadable.length > 0 && shown.page === 1,
    unreadableTitle: `Could not read the alerts of ${plural(unreadable.length, 'subscription')}:`,
    unreadable: unreadableLines,
    pageInfo:
      alerts.length === 0
        ? 'Defender for APIs raises these alerts only where it is on: type `status <sub>` to check.'
        : `${showingWords(shown)}, newest first. Open one in the portal to investigate it.`,
    actions: more ? [executeAction({ title: 'Show more', verb: VERBS.alertsMore, data: more })] : [],
  };
}

export function buildAlertsCard(model: AlertsCardModel): AdaptiveCardJson {
  return expandTemplate(template, alertsCardView(model));
}
