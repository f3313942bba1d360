/**
 * `posture <sub>`: what Defender for APIs and API posture found on each API Management API. The plans first
 * (with Enable when one is off), totals, then one row per API, a page at a time, with Onboard for the rest.
 */
import template from './templates/posture.json';
import { isApiPostureOn, isDefenderForApisOn, type DefenderSettings } from '../core/defender';
import { postureTotals, type ApiCollectionPosture, type ApiPosture, type NotOnboardedApi } from '../core/monitoring';
import { executeAction } from './actions';
import { expandTemplate } from './expand';
import type { PostureCardModel } from './models';
import { pageOf, showingWords } from './paging';
import { escapeMarkdown, plural } from './text';
import { bannerTextColor, toneColor, toneContainerStyle } from './tone';
import type { AdaptiveCardJson, Tone } from './types';
import { VERBS } from './verbs';

/** Twelve APIs a page, each at its longest, stay well within Teams' card size. */
export const POSTURE_PAGE_SIZE = 12;

type ApiRow = { onboarded: ApiCollectionPosture } | { notOnboarded: NotOnboardedApi };

function missingPlans(settings: DefenderSettings): string[] {
  const missing: string[] = [];
  if (!isDefenderForApisOn(settings.api)) missing.push('Defender for APIs is off');
  if (!isApiPostureOn(settings.cspm)) missing.push(settings.cspm.pricingTier === 'Standard' ? 'API security posture is off' : 'API security posture is off (Defender CSPM is off)');
  return missing;
}

function countWords(api: ApiCollectionPosture): string[] {
  const parts: Array<[number | undefined, string]> = [
    [api.endpoints, 'endpoints'],
    [api.unauthenticatedEndpoints, 'unauthenticated'],
    [api.externalEndpoints, 'exposed to the internet'],
    [api.inactiveEndpoints, 'inactive 30 days'],
    [api.sensitiveDataEndpoints, 'exposing sensitive data'],
  ];
  const words = parts.filter(([count]) => count !== undefined).map(([count, what]) => `${count} ${what}`);
  if (api.sensitivityLabel) words.push(`label: ${escapeMarkdown(api.sensitivityLabel, 40)}`);
  return words;
}

function apiRowView(row: ApiRow) {
  const api = 'onboarded' in row ? row.onboarded : row.notOnboarded;
  const base = { name: escapeMarkdown(api.displayName, 80), where: `${escapeMarkdown(api.serviceName, 60)} · ${escapeMarkdown(api.resourceGroup, 60)}` };
  if ('notOnboarded' in row) {
    const supported = row.notOnboarded.skuSupported;
    const note = supported ? '' : 'Its API Management tier is not one Defender for APIs supports.';
    return { ...base, state: 'Not onboarded', stateColor: toneColor(supported ? 'warning' : 'default'), hasCounts: false, counts: '', countsColor: 'Default', hasNote: !supported, note };
  }
  const words = countWords(row.onboarded);
  const risky = (row.onboarded.unauthenticatedEndpoints ?? 0) > 0 || (row.onboarded.sensitiveDataEndpoints ?? 0) > 0;
  return {
    ...base,
    state: 'Onboarded',
    stateColor: toneColor('good'),
    hasCounts: words.length > 0,
    counts: words.join(' · '),
    countsColor: toneColor(risky ? 'warning' : 'default'),
    hasNote: row.onboarded.endpoints === undefined,
    note: 'No posture data yet: it appears within hours of onboarding.',
  };
}

function byServiceThenName(a: ApiRow, b: ApiRow): number {
  const left = 'onboarded' in a ? a.onboarded : a.notOnboarded;
  const right = 'onboarded' in b ? b.onboarded : b.notOnboarded;
  const compare = (x: string, y: string) => x.localeCompare(y, 'en', { sensitivity: 'base' });
  return compare(left.serviceName, right.serviceName) || compare(left.displayName, right.displayName) || compare(left.apiId, right.apiId);
}

function totalsView(posture: ApiPosture, apiCount: number) {
  const totals = postureTotals(posture.onboarded);
  return [
    { title: 'APIs onboarded', value: `${posture.onboarded.length} of ${apiCount}` },
    { title: 'Endpoints', value: String(totals.endpoints) },
    { title: 'Unauthenticated', value: String(totals.unauthenticatedEndpoints) },
    { title: 'Exposed to the internet', value: String(totals.externalEndpoints) },
    { title: 'Inactive (30 days)', value: String(totals.inactiveEndpoints) },
    { title: 'Exposing sensitive data', value: String(totals.sensitiveDataEndpoints) },
  ];
}

export function postureCardView(model: PostureCardModel) {
  const { posture } = model;
  const { subscriptionId } = posture.subscription;
  const rows: ApiRow[] = [...posture.onboarded.map((onboarded) => ({ onboarded })), ...posture.notOnboarded.map((notOnboarded) => ({ notOnboarded }))].sort(byServiceThenName);
  const shown = pageOf(rows, model.page, model.pageSize ?? POSTURE_PAGE_SIZE);
  const missing = missingPlans(posture.settings);
  const onboardable = posture.notOnboarded.filter((api) => api.skuSupported).length;
  const tone: Tone = missing.length > 0 || onboardable > 0 ? 'warning' : 'good';
  const headline = missing.length > 0
    ? `⚠️ Missing: ${missing.join(' and ')}.`
    : `✅ Defender for APIs and API security posture are on · ${posture.onboarded.length} of ${plural(rows.length, 'API')} onboarded.`;
  const actions = [
    ...(missing.length > 0 ? [executeAction({ title: 'Enable…', verb: VERBS.enablePreview, data: { subscriptionId }, style: 'positive' })] : []),
    ...(onboardable > 0 ? [executeAction({ title: `Onboard ${plural(onboardable, 'API')}…`, verb: VERBS.onboardApis, data: { subscriptionId } })] : []),
    ...(shown.nextPage ? [executeAction({ title: 'Show more', verb: VERBS.postureMore, data: { subscriptionId, page: shown.nextPage } })] : []),
  ];
  return {
    title: `API posture · ${escapeMarkdown(posture.subscription.displayName, 80)}`,
    subscriptionId: escapeMarkdown(subscriptionId, 60),
    headline,
    headlineColor: bannerTextColor(tone),
    headlineStyle: toneContainerStyle(tone),
    hasMissingNote: missing.length > 0,
    missingNote: 'Without both, Defender finds no threats and no posture issues on these APIs. Enable asks an approver to turn them on.',
    hasTotals: posture.onboarded.length > 0,
    totals: totalsView(posture, rows.length),
    apisHeadline: rows.length === 0 ? 'No API Management API here: Defender for APIs has nothing to assess yet.' : `API Management APIs: ${rows.length}`,
    apis: shown.items.map(apiRowView),
    pageInfo: rows.length === 0
      ? 'Publish APIs through API Management (Developer, Basic, Standard or Premium tier), then onboard them.'
      : `${showingWords(shown)}.${onboardable > 0 ? ' Onboard asks an approver to onboard every API not onboarded yet.' : ''}`,
    actions,
  };
}

export function buildPostureCard(model: PostureCardModel): AdaptiveCardJson {
  return expandTemplate(template, postureCardView(model));
}
