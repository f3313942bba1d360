import assert from 'node:assert/strict';
import type { FleetRow } from '../../src/core/defender';
import { buildFleetCard, FLEET_PAGE_SIZE } from '../../src/cards/fleetCard';
import { VERBS } from '../../src/cards/verbs';
import { HOSTILE_NAME, LONG_ARM_MESSAGE, settings } from './fixtures';
import { cardBytes, cardText, collectActions, findUnresolvedPlaceholders, validateAdaptiveCard } from './validateCard';

function fleet(count: number): FleetRow[] {
  return Array.from({ length: count }, (_, index): FleetRow => {
    const subscription = { subscriptionId: `00000000-0000-0000-0000-${String(index).padStart(12, '0')}`, displayName: `Sub ${String(index).padStart(3, '0')} ${'x'.repeat(50)}` };
    if (index % 7 === 3) return { subscription, error: { code: 'AuthorizationFailed', message: LONG_ARM_MESSAGE } };
    return { subscription, settings: settings({ apisOn: index % 2 === 0, cspmOn: index % 3 === 0, postureOn: index % 3 === 0, subPlan: 'P2' }) };
  });
}

function assertValid(card: Record<string, unknown>) {
  assert.deepEqual(validateAdaptiveCard(card), []);
  assert.deepEqual(findUnresolvedPlaceholders(card), []);
}

const rowNames = (card: Record<string, unknown>) => cardText(card).filter((line) => line.startsWith('Sub '));

describe('fleet card', () => {
  it('first page: 15 rows, "showing 1–15 of N", and Show more asking for page 2', () => {
    const card = buildFleetCard({ rows: fleet(40).reverse(), page: 1 });
    assertValid(card);
    assert.ok(cardBytes(card) < 20_000, `full page is ${cardBytes(card)} bytes`);
    const names = rowNames(card);
    assert.equal(names.length, FLEET_PAGE_SIZE);
    assert.ok(names[0].startsWith('Sub 000'), 'rows are sorted by name whatever the input order');
    assert.ok(cardText(card).some((line) => line.startsWith('Showing 1–15 of 40.')));
    const [showMore] = collectActions(card);
    assert.equal(showMore.verb, VERBS.listMore);
    assert.deepEqual(showMore.data, { page: 2 });
  });

  it('last page: the remaining rows and no Show more', () => {
    const card = buildFleetCard({ rows: fleet(40), page: 3 });
    assertValid(card);
    assert.equal(rowNames(card).length, 10);
    assert.ok(cardText(card).some((line) => line.startsWith('Showing 31–40 of 40.')));
    assert.deepEqual(collectActions(card), []);
  });

  it('clamps a page past the end to the last page', () => {
    const card = buildFleetCard({ rows: fleet(20), page: 99 });
    assert.ok(cardText(card).some((line) => line.startsWith('Showing 16–20 of 20.')));
  });

  it('shows on/off with subplan in colour, and a row that failed with its error', () => {
    const card = buildFleetCard({ rows: fleet(5), page: 1 });
    assertValid(card);
    const text = cardText(card);
    assert.ok(text.includes('On P2'));
    assert.ok(text.includes('Off'));
    assert.ok(text.some((line) => line.startsWith('⚠️ Could not read (AuthorizationFailed: The client')));
    assert.ok(text.includes('5 subscriptions: 1 covered · 2 partly covered · 1 off · 1 could not be read'), text.join('\n'));
  });

  it('says how fresh the rows are: Resource Graph may lag; the fallback read each subscription, and why', () => {
    const fromGraph = buildFleetCard({ rows: fleet(3), page: 1, source: 'resource-graph' });
    assertValid(fromGraph);
    assert.ok(cardText(fromGraph).some((line) => line.startsWith('As of Resource Graph; may lag up to a minute')));
    const fromArm = buildFleetCard({ rows: fleet(3), page: 1, source: 'arm', fallbackReason: 'Azure Resource Graph did not answer (HTTP 503)' });
    assertValid(fromArm);
    assert.ok(cardText(fromArm).includes('Resource Graph unavailable: read each subscription directly (Azure Resource Graph did not answer (HTTP 503)).'));
    assert.ok(!cardText(buildFleetCard({ rows: fleet(3), page: 1 })).some((line) => /Resource Graph/.test(line)), 'no source, no freshness line');
  });

  it('names an error code once and keeps the fix in view', () => {
    const message = 'MissingSubscriptionRegistration: subscription 9e07d5b2-a6c4-4e3f-b218-5f4c8d1a0e96 is not registered for Microsoft.Security, so Defender settings cannot be read. Register it: az provider register --namespace Microsoft.Security --subscription 9e07d5b2-a6c4-4e3f-b218-5f4c8d1a0e96';
    const row = { subscription: { subscriptionId: 'x', displayName: 'Legacy' }, error: { code: 'MissingSubscriptionRegistration', message } };
    const text = cardText(buildFleetCard({ rows: [row], page: 1 })).join('\n');
    assert.equal(text.match(/MissingSubscriptionRegistration/g)?.length, 1);
    assert.match(text, /az provider register --namespace Microsoft\\?\.Security/);
  });

  it('empty fleet says so', () => {
    const card = buildFleetCard({ rows: [], page: 1 });
    assertValid(card);
    assert.ok(cardText(card).includes('The bot cannot see any subscription. Check its role assignments.'));
  });

  it('escapes subscription names', () => {
    const card = buildFleetCard({ rows: [{ subscription: { subscriptionId: 'x', displayName: HOSTILE_NAME }, settings: settings() }], page: 1 });
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.ok(cardText(card).includes('${$root.title} \\*\\*bold\\*\\* \\[link\\](http://x)'));
  });
});
