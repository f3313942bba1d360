/**
 * Every card at its worst case stays within what Teams accepts, measured as Teams measures it: UTF-16 code units of
 * the JSON, two bytes each, at most 80 KB. The worst case is the longest text each field allows, in the characters
 * that cost the most once escaped (markdown characters gain a backslash, which JSON doubles).
 */
import assert from 'node:assert/strict';
import type { FleetRow } from '../../src/core/defender';
import type { TargetOutcome } from '../../src/core/outcome';
import { buildFleetCard, buildHistoryCard, buildMessageCard, buildRequestCard, buildStatusCard, cardSizeInUtf16Bytes, fitForTeams, FLEET_PAGE_SIZE, HISTORY_MAX_ENTRIES, MAX_CARD_UTF16_BYTES, MESSAGE_MAX_CHOICES, MESSAGE_MAX_ITEMS, REQUEST_TARGETS_PAGE_SIZE, STATUS_MAX_SERVICES, VERBS } from '../../src/cards';
import { requestModel, settings, subscriptionStatus } from './fixtures';
import { MAX_APIS_PER_ONBOARDING } from '../../src/core/plan';
import { validateAdaptiveCard } from './validateCard';

/** Markdown characters: each is escaped with a backslash for TextBlocks, and JSON doubles the backslash. */
const costly = (length: number) => '*_[]`~<>\\'.repeat(Math.ceil(length / 9)).slice(0, length);
const GUID = (index: number) => `ffffffff-ffff-4fff-8fff-${String(index).padStart(12, '0')}`;
const LONG = costly(2000);

function assertFits(card: Record<string, unknown>, what: string) {
  assert.deepEqual(validateAdaptiveCard(card), [], what);
  assert.ok(cardSizeInUtf16Bytes(card) <= MAX_CARD_UTF16_BYTES, `${what}: ${cardSizeInUtf16Bytes(card)} bytes`);
}

describe('card sizes at their worst case (UTF-16, at most 80 KB)', () => {
  it('a full page of the fleet card, every row unreadable with a long error', () => {
    const rows: FleetRow[] = Array.from({ length: FLEET_PAGE_SIZE * 3 }, (_, index) => ({
      subscription: { subscriptionId: GUID(index), displayName: costly(200) },
      error: { code: costly(50), message: LONG },
    }));
    assertFits(buildFleetCard({ rows, page: 1, source: 'arm', fallbackReason: LONG }), 'fleet card');
  });

  it('a status card with the most services and APIs it shows, all with long names', () => {
    const services = Array.from({ length: STATUS_MAX_SERVICES + 5 }, (_, index) => ({
      name: costly(100) + index,
      resourceGroup: costly(100),
      sku: 'Premium',
      skuSupported: true,
      apis: Array.from({ length: 30 }, (_, apiIndex) => ({ name: costly(100) + apiIndex, displayName: costly(200), onboarded: apiIndex % 2 === 0 })),
    }));
    const status = subscriptionStatus({ settings: settings(), apiManagementServices: services });
    assertFits(buildStatusCard({ ...status, subscription: { subscriptionId: GUID(1), displayName: costly(200) } }), 'status card');
  });

  it('a request card page with the most subscriptions, each failed with a long message and a look-alike warning, plus a notice', () => {
    const targets = Array.from({ length: REQUEST_TARGETS_PAGE_SIZE * 2 }, (_, index) => {
      const plan = {
        subscriptionId: GUID(index),
        subscriptionName: costly(200),
        apiSubPlan: 'P1' as const,
        changes: Array.from({ length: 12 }, (_, change) => ({ setting: 'cspmExtension' as const, subject: costly(100) + change, before: costly(300), after: costly(300) })),
        lookAlikes: Array.from({ length: 5 }, (_, other) => ({ subscriptionId: GUID(100 + other), displayName: costly(200) })),
      };
      const outcome: TargetOutcome = { subscriptionId: plan.subscriptionId, status: 'failed', settings: plan.changes.map((change) => ({ setting: change.setting, subject: change.subject, status: 'failed', error: { code: costly(50), message: LONG } })) };
      return { plan, outcome };
    });
    const base = requestModel('failed');
    const pageOf = (page: number) => buildRequestCard({ ...base, heading: costly(200), targets, page, notice: LONG, statusReason: LONG }, 'everyone');
    const pages = Number(/page \d+ of (\d+)/.exec(JSON.stringify(pageOf(1)))?.[1]);
    assert.ok(pages > 2, 'long sections mean fewer per page');
    for (let page = 1; page <= pages; page++) assertFits(pageOf(page), `request card, page ${page}`);
  });

  it('an onboarding request at its cap of APIs fits on one page', () => {
    const apis = Array.from({ length: MAX_APIS_PER_ONBOARDING }, (_, index) => ({ setting: 'apiOnboarding' as const, subject: `${costly(80)}/${costly(80)}${index}`, before: 'Not onboarded', after: 'Onboarded' }));
    const target = { plan: { subscriptionId: GUID(1), subscriptionName: costly(200), apiSubPlan: 'P1' as const, changes: apis } };
    assertFits(buildRequestCard({ ...requestModel('pending'), heading: 'Onboard APIs to Defender for APIs', targets: [target] }, 'everyone'), 'onboarding card');
  });

  it('a single-subscription request card with 60 approvers, 60 refresh ids, a notice and long reasons', () => {
    const approvals = Array.from({ length: 60 }, (_, index) => ({ name: costly(200) + index, at: '2025-03-04T15:00:00Z' }));
    const notCounted = Array.from({ length: 60 }, (_, index) => ({ name: costly(200) + index, reason: 'not an approver' }));
    const refreshUserIds = Array.from({ length: 60 }, (_, index) => `29:${'a'.repeat(120)}${index}`);
    const model = requestModel('rejected', { approvals, notCounted, refreshUserIds, notice: LONG, statusReason: LONG, rejection: { by: { name: costly(200) }, reason: LONG } });
    const plan = { ...model.targets[0].plan, subscriptionName: costly(200), lookAlikes: [{ subscriptionId: GUID(2), displayName: costly(200) }] };
    assertFits(buildRequestCard({ ...model, targets: [{ plan }] }, 'everyone'), 'request card');
  });

  it('the history card and a message card at their caps', () => {
    const entries = Array.from({ length: HISTORY_MAX_ENTRIES * 2 }, (_, index) => ({ at: '2025-03-04T15:00:00Z', action: costly(60), actor: costly(200), subscriptionName: costly(300), requestId: `req_${index}`, outcome: LONG }));
    assertFits(buildHistoryCard({ entries, subscriptionName: costly(300) }), 'history card');
    const message = buildMessageCard({
      title: costly(300),
      message: LONG,
      nextStep: LONG,
      items: Array.from({ length: MESSAGE_MAX_ITEMS * 2 }, () => LONG),
      choices: Array.from({ length: MESSAGE_MAX_CHOICES * 2 }, (_, index) => ({ title: costly(200), verb: VERBS.status, data: { subscriptionId: GUID(index) } })),
    });
    assertFits(message, 'message card');
  });

  it('an oversized card is never sent as is: it becomes a short card that says so', () => {
    const huge = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x'.repeat(50_000) }] };
    const fitted = fitForTeams(huge);
    assert.ok(cardSizeInUtf16Bytes(fitted) < 4000);
    assert.match(JSON.stringify(fitted), /Too much to show in one card/);
  });
});
