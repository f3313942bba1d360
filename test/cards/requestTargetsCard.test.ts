/** The many-subscription request card: valid and under 28 KB on every page, in every status, with worst-case text. */
import assert from 'node:assert/strict';
import { buildRequestTargetsCard, REQUEST_TARGETS_PAGE_SIZE, VERBS, type RequestTarget } from '../../src/cards';
import { planTarget } from '../../src/core/plan';
import { ALL_STATUSES, approvalModel, HOSTILE_NAME, LONG_ARM_MESSAGE, settings } from './fixtures';
import { cardBytes, findAction, MAX_CARD_UTF16_BYTES, validateAdaptiveCard } from './validateCard';

function targets(count: number, withOutcomes: boolean): RequestTarget[] {
  return Array.from({ length: count }, (_, index) => {
    const subscriptionId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    const plan = planTarget({ subscriptionId, displayName: `${HOSTILE_NAME} ${'x'.repeat(60)} ${index}` }, { ...settings(), subscriptionId });
    const error = { code: 'ExtensionFailed', message: LONG_ARM_MESSAGE };
    return {
      plan,
      outcome: withOutcomes
        ? index % 3 === 0
          ? { subscriptionId, status: 'stale', settings: [], staleReasons: ['Defender for APIs was Free when planned and is Standard (P3) now', LONG_ARM_MESSAGE] }
          : { subscriptionId, status: 'failed', settings: plan.changes.map((change) => ({ setting: change.setting, status: 'failed', error })) }
        : undefined,
    } as RequestTarget;
  });
}

function model(status: (typeof ALL_STATUSES)[number], count: number, page = 1) {
  const { plan: _plan, outcome: _outcome, ...base } = approvalModel(status);
  return { ...base, heading: 'Enable Defender for APIs', targets: targets(count, !['pending', 'approved', 'executing', 'rejected', 'cancelled', 'expired'].includes(status)), page };
}

describe('request targets card (fleet, revert, onboard)', () => {
  for (const status of ALL_STATUSES) {
    it(`is valid and at most 80 KB of UTF-16 on every page of a 60-subscription request (${status})`, () => {
      const pages = Math.ceil(60 / REQUEST_TARGETS_PAGE_SIZE);
      for (let page = 1; page <= pages; page++) {
        const card = buildRequestTargetsCard(model(status, 60, page), 'everyone');
        assert.deepEqual(validateAdaptiveCard(card), [], `page ${page}`);
        assert.ok(cardBytes(card) <= MAX_CARD_UTF16_BYTES, `page ${page} is ${cardBytes(card)} bytes`);
      }
    });
  }

  it('pages with Show more / Previous carrying the request id and page, and clamps out-of-range pages', () => {
    const first = buildRequestTargetsCard(model('pending', 20, 1), 'approver');
    assert.deepEqual(findAction(first, { verb: VERBS.requestPage })?.data, { requestId: approvalModel('pending').requestId, page: 2 });
    const last = buildRequestTargetsCard(model('pending', 20, 99), 'approver');
    assert.match(JSON.stringify(last), /page 3 of 3/);
    assert.ok(findAction(last, { verb: VERBS.requestPage, title: 'Previous' }));
    const single = buildRequestTargetsCard(model('pending', 3, 1), 'approver');
    assert.equal(findAction(single, { verb: VERBS.requestPage }), undefined, 'no paging for one page');
  });

  it('keeps a hostile subscription name literal', () => {
    const card = buildRequestTargetsCard(model('pending', 2), 'everyone');
    assert.ok(!JSON.stringify(card).includes('**bold**'), 'markdown is escaped');
  });
});
