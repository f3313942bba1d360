import assert from 'node:assert/strict';
import { buildHistoryCard, HISTORY_MAX_ENTRIES } from '../../src/cards/historyCard';
import type { HistoryEntry } from '../../src/cards/models';
import { buildNoOpenRequestsCard, buildRequestsHeaderCard } from '../../src/cards/requestsCards';
import { HOSTILE_NAME, LONG_ARM_MESSAGE } from './fixtures';
import { cardText, findUnresolvedPlaceholders, validateAdaptiveCard } from './validateCard';

function assertValid(card: Record<string, unknown>) {
  assert.deepEqual(validateAdaptiveCard(card), []);
  assert.deepEqual(findUnresolvedPlaceholders(card), []);
}

describe('requests header card', () => {
  it('counts the open requests and says the cards follow', () => {
    const card = buildRequestsHeaderCard(3);
    assertValid(card);
    assert.deepEqual(cardText(card), ['3 open requests you can act on', 'Their cards follow below.']);
    assert.deepEqual(cardText(buildRequestsHeaderCard(1)), ['1 open request you can act on', 'Its card follows below.']);
  });

  it('says when only some are shown', () => {
    const text = cardText(buildRequestsHeaderCard(25, 10));
    assert.equal(text[0], '25 open requests you can act on');
    assert.match(text[1], /^10 of them follow below/);
  });

  it('zero is the empty state', () => {
    const card = buildRequestsHeaderCard(0);
    assertValid(card);
    assert.equal(cardText(card)[0], 'No open requests for you.');
    assert.deepEqual(buildNoOpenRequestsCard(), card);
  });
});

describe('history card', () => {
  const entry = (index: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
    at: new Date(Date.UTC(2025, 2, 4, 14, index)),
    action: 'approval recorded',
    actor: `Person ${index}`,
    subscriptionName: 'Contoso Prod',
    subscriptionId: '11111111-2222-3333-4444-555555555555',
    requestId: 'req_ABCDEFGHIJKLMNOPQRST',
    ...overrides,
  });

  it('shows time, action, subscription, actor and outcome, colour-coded', () => {
    const card = buildHistoryCard({ entries: [entry(1, { action: 'failed', actor: '@defender', outcome: 'AuthorizationFailed: no write' }), entry(0, { action: 'created' })] });
    assertValid(card);
    const text = cardText(card);
    assert.deepEqual(text.slice(0, 4), ['History', 'Failed · Contoso Prod', '2025-03-04 14:01 UTC · by @defender · req\\_ABCDEFGHIJKLMNOPQRST', 'AuthorizationFailed: no write']);
    assert.ok(text.includes('Created · Contoso Prod'));
    assert.ok(text.includes('Showing the last 2 entries, newest first.'));
    assert.ok(JSON.stringify(card).includes('"color":"Attention"'));
  });

  it(`caps at ${HISTORY_MAX_ENTRIES} entries and stays small with long outcomes`, () => {
    const entries = Array.from({ length: 50 }, (_, index) => entry(index, { outcome: LONG_ARM_MESSAGE, subscriptionName: HOSTILE_NAME }));
    const card = buildHistoryCard({ entries, subscriptionName: 'Contoso Prod' });
    // The hostile names carry a literal `${…}`, so only the validator runs here, not the placeholder check.
    assert.deepEqual(validateAdaptiveCard(card), []);
    const text = cardText(card);
    assert.equal(text[0], 'History · Contoso Prod');
    assert.equal(text.filter((line) => line.startsWith('Approval recorded')).length, HISTORY_MAX_ENTRIES);
    assert.ok(text.includes(`Showing the last ${HISTORY_MAX_ENTRIES} entries, newest first.`));
    assert.ok(text.includes('Approval recorded · ${$root.title} \\*\\*bold\\*\\* \\[link\\](http://x)'));
  });

  it('empty history says so', () => {
    const card = buildHistoryCard({ entries: [] });
    assertValid(card);
    assert.ok(cardText(card).includes('No history yet: nothing has been requested.'));
  });
});
