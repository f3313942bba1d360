/** `list`: one row per subscription, a page at a time, so even a large tenant never makes one giant card. */
import template from './templates/fleet.json';
import { FleetRow, isApiPostureOn, isDefenderForApisOn } from '../core/defender';
import { executeAction } from './actions';
import { expandTemplate } from './expand';
import { pageOf, showingWords } from './paging';
import { countCoverage } from '../core/fleet';
import { FleetCardModel } from './models';
import { escapeMarkdown, plural, withCodeOnce } from './text';
import { toneColor } from './tone';
import { AdaptiveCardJson } from './types';
import { VERBS } from './verbs';

/** 15 rows fit a phone screen or two and keep the card far below Teams' size limit. */
export const FLEET_PAGE_SIZE = 15;

/** Stable order across re-listings, so page 2 continues where page 1 stopped. */
export function sortFleetRows(rows: FleetRow[]): FleetRow[] {
  return [...rows].sort(
    (a, b) =>
      a.subscription.displayName.localeCompare(b.subscription.displayName, 'en', { sensitivity: 'base' }) ||
      a.subscription.subscriptionId.localeCompare(b.subscription.subscriptionId),
  );
}

/** Long enough for an error's fix (e.g. the `az provider register` command), short enough for a phone. */
const FLEET_ERROR_MAX_LENGTH = 320;


function rowView(row: FleetRow) {
  const name = escapeMarkdown(row.subscription.displayName, 80);
  if (row.error || !row.settings) {
    const reason = row.error ? withCodeOnce(row.error) : 'no settings returned';
    return { hasError: true, name, error: `⚠️ Could not read (${escapeMarkdown(reason, FLEET_ERROR_MAX_LENGTH)})`, apis: '', apisColor: 'Default', posture: '', postureColor: 'Default' };
  }
  const apisOn = isDefenderForApisOn(row.settings.api);
  const postureOn = isApiPostureOn(row.settings.cspm);
  return {
    hasError: false,
    name,
    error: '',
    apis: apisOn ? `On ${escapeMarkdown(row.settings.api.subPlan ?? '', 4)}`.trim() : 'Off',
    apisColor: toneColor(apisOn ? 'good' : 'attention'),
    posture: postureOn ? 'On' : 'Off',
    postureColor: toneColor(postureOn ? 'good' : 'attention'),
  };
}

/** How fresh the rows are: Resource Graph lags ARM; the per-subscription fallback reads ARM itself. */
export function freshnessNote({ source, fallbackReason }: Pick<FleetCardModel, 'source' | 'fallbackReason'>): string {
  if (source === 'resource-graph') return 'As of Resource Graph; may lag up to a minute (changes the bot made show at once).';
  if (source === 'arm' && fallbackReason) return `Resource Graph unavailable: read each subscription directly (${escapeMarkdown(fallbackReason, 200)}).`;
  if (source === 'arm') return 'Read from each subscription directly.';
  return '';
}

export function fleetCardView(model: FleetCardModel) {
  const rows = sortFleetRows(model.rows);
  const shown = pageOf(rows, model.page, model.pageSize ?? FLEET_PAGE_SIZE);

  const { covered, partlyCovered, off, unreadable } = countCoverage(rows);
  const headlineParts = [`${plural(rows.length, 'subscription')}: ${covered} covered`, `${partlyCovered} partly covered`, `${off} off`];
  if (unreadable > 0) headlineParts.push(`${unreadable} could not be read`);
  const tone = rows.length > 0 && covered === rows.length ? 'good' : unreadable > 0 ? 'attention' : 'warning';

  return {
    title: 'Defender for APIs across subscriptions',
    headline: rows.length === 0 ? 'The bot cannot see any subscription. Check its role assignments.' : headlineParts.join(' · '),
    headlineColor: toneColor(rows.length === 0 ? 'attention' : tone),
    hasFreshness: freshnessNote(model) !== '',
    freshness: freshnessNote(model),
    rows: shown.items.map(rowView),
    pageInfo: rows.length === 0 ? 'Nothing to show.' : `${showingWords(shown)}. Type \`status <sub>\` for details.`,
    actions: shown.nextPage ? [executeAction({ title: 'Show more', verb: VERBS.listMore, data: { page: shown.nextPage } })] : [],
  };
}

export function buildFleetCard(model: FleetCardModel): AdaptiveCardJson {
  return expandTemplate(template, fleetCardView(model));
}
