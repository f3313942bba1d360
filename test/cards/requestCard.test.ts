import assert from 'node:assert/strict';
import { buildRequestCard, MAX_REFRESH_USER_IDS, REQUEST_TARGETS_PAGE_SIZE, REJECT_REASON_INPUT_ID, VERBS, type RequestCardModel, type RequestTarget, type ViewerRole } from '../../src/cards';
import { planTarget } from '../../src/core/plan';
import { ALL_STATUSES, HOSTILE_NAME, LONG_ARM_MESSAGE, PLAN_HASH, REQUEST_ID, requestModel, requestModelAs, settings } from './fixtures';
import { cardBytes, cardText, collectActions, findAction, findUnresolvedPlaceholders, MAX_CARD_UTF16_BYTES, validateAdaptiveCard } from './validateCard';

const ROLES: ViewerRole[] = ['approver', 'requester', 'observer', 'everyone'];
const verbsOf = (card: Record<string, unknown>) =>
  collectActions(card)
    .filter((action) => action !== (card.refresh as Record<string, unknown> | undefined)?.action)
    .map((action) => action.verb ?? action.type);

describe('request card: every status × every viewer', () => {
  for (const status of ALL_STATUSES) {
    for (const role of ROLES) {
      it(`${status} as ${role}: valid, no placeholders left`, () => {
        const card = buildRequestCard(requestModelAs(role, status), role);
        assert.deepEqual(validateAdaptiveCard(card), []);
        assert.deepEqual(findUnresolvedPlaceholders(card), []);
      });
    }
  }
});

describe('request card: actions by viewer', () => {
  it('pending, approver: Approve and Reject (with a required reason), bound to requestId + planHash', () => {
    const card = buildRequestCard(requestModelAs('approver', 'pending'), 'approver');
    assert.deepEqual(verbsOf(card), [VERBS.approve, 'Action.ShowCard', VERBS.reject]);
    const approve = findAction(card, { verb: VERBS.approve })!;
    assert.deepEqual(approve.data, { requestId: REQUEST_ID, planHash: PLAN_HASH });
    assert.equal(approve.associatedInputs, 'none');
    const reject = findAction(card, { verb: VERBS.reject })!;
    assert.deepEqual(reject.data, { requestId: REQUEST_ID, planHash: PLAN_HASH });
    assert.equal(reject.associatedInputs, 'auto');
    const showCard = findAction(card, { title: 'Reject…' })!;
    const [input] = (showCard.card as { body: Array<Record<string, unknown>> }).body;
    assert.equal(input.id, REJECT_REASON_INPUT_ID);
    assert.equal(input.isRequired, true);
  });

  it('pending, requester: only Cancel; observer: nothing', () => {
    assert.deepEqual(verbsOf(buildRequestCard(requestModelAs('requester', 'pending'), 'requester')), [VERBS.cancel]);
    assert.deepEqual(verbsOf(buildRequestCard(requestModelAs('observer', 'pending'), 'observer')), []);
  });

  it('pending, base card: Approve, Reject, Cancel and a manual Refresh for everyone, with the rule spelt out', () => {
    const card = buildRequestCard(requestModelAs('everyone', 'pending'), 'everyone');
    assert.deepEqual(verbsOf(card), [VERBS.approve, 'Action.ShowCard', VERBS.reject, VERBS.cancel, VERBS.refreshRequest]);
    assert.deepEqual(findAction(card, { title: 'Refresh' })!.data, { requestId: REQUEST_ID });
    assert.ok(cardText(card).includes('Only configured approvers can approve; the requester can cancel.'));
  });

  it('failed and partially failed: Retry for approvers and the base card only', () => {
    for (const status of ['failed', 'partially-failed'] as const) {
      assert.deepEqual(verbsOf(buildRequestCard(requestModelAs('approver', status), 'approver')), [VERBS.retry]);
      assert.deepEqual(verbsOf(buildRequestCard(requestModelAs('everyone', status), 'everyone')), [VERBS.retry]);
      assert.deepEqual(verbsOf(buildRequestCard(requestModelAs('requester', status), 'requester')), []);
      assert.deepEqual(verbsOf(buildRequestCard(requestModelAs('observer', status), 'observer')), []);
    }
    const retried = buildRequestCard(requestModelAs('approver', 'failed', { retriedAs: { requestId: 'req_NEW', url: 'https://teams.microsoft.com/l/message/1' } }), 'approver');
    assert.deepEqual(verbsOf(retried), ['Action.OpenUrl'], 'an already retried request offers its link, not a second retry');
    assert.ok(cardText(retried).includes('Retried as: req\\_NEW'));
  });

  it('finished requests have no buttons and no refresh; live ones refresh for the listed users', () => {
    for (const status of ['succeeded', 'rejected', 'cancelled', 'expired', 'stale'] as const) {
      for (const role of ROLES) {
        const card = buildRequestCard(requestModelAs(role, status), role);
        assert.deepEqual(verbsOf(card), [], `${status} as ${role}`);
        assert.equal(card.refresh, undefined);
      }
    }
    const live = buildRequestCard(requestModelAs('everyone', 'pending'), 'everyone');
    assert.deepEqual(live.refresh, {
      action: { type: 'Action.Execute', verb: VERBS.refreshRequest, data: { requestId: REQUEST_ID } },
      userIds: ['29:requester', '29:approver-1', '29:approver-2'],
    });
  });
});

describe('request card: content', () => {
  it('pending shows the changes before → after, quorum, requester and UTC times', () => {
    const text = cardText(buildRequestCard(requestModelAs('approver', 'pending', { minApprovals: 2 }), 'approver'));
    assert.ok(text.includes('⏳ Waiting for approval · 0 of 2 approvals'));
    assert.ok(text.includes('Defender for APIs: Free → Standard (P1)'));
    assert.ok(text.includes('API security posture management (CSPM): Off → On'));
    assert.ok(text.includes('Requested by: Riya Requester'));
    assert.ok(text.includes('Created: 2025-03-04 14:05 UTC'));
    assert.ok(text.includes('Expires: 2025-03-05 14:05 UTC'));
  });

  it('partially failed marks each setting done or failed, with ARM\'s message as plain text', () => {
    const text = cardText(buildRequestCard(requestModelAs('observer', 'partially-failed'), 'observer'));
    assert.ok(text.includes('⚠️ Partly done: some changes failed'));
    assert.ok(text.includes('Defender for APIs: Free → Standard (P1) · ✅ Done'));
    assert.ok(text.includes('API security posture management (CSPM): Off → On · ❌ Failed'));
    assert.ok(text.includes('⚠️ Partly failed'), 'the subscription\'s own result');
    const armLine = text.find((line) => line.startsWith('❌ API security posture management (CSPM): AuthorizationFailed: The client does not have authorization'));
    assert.ok(armLine && armLine.length <= 500, armLine);
  });

  it('succeeded marks every setting done; before it runs no setting carries a result', () => {
    const done = cardText(buildRequestCard(requestModelAs('everyone', 'succeeded'), 'everyone'));
    assert.equal(done.filter((line) => line.endsWith(' · ✅ Done')).length, 3);
    const pending = cardText(buildRequestCard(requestModelAs('everyone', 'pending'), 'everyone'));
    assert.equal(pending.filter((line) => / · (✅ Done|❌ Failed)$/.test(line)).length, 0);
    assert.ok(pending.includes('3 to change'));
  });

  it('rejected shows who and the reason; stale shows what moved; expired says why', () => {
    const rejected = cardText(buildRequestCard(requestModelAs('requester', 'rejected'), 'requester'));
    assert.ok(rejected.includes('⛔ Rejected by Ava Approver'));
    assert.ok(rejected.includes('Not during the release freeze.'));
    const stale = cardText(buildRequestCard(requestModelAs('approver', 'stale'), 'approver'));
    assert.ok(stale.includes('• Defender for APIs was Free when planned and is Standard (P2) now'));
    const expired = cardText(buildRequestCard(requestModelAs('approver', 'expired'), 'approver'));
    assert.ok(expired.includes('Expired after 24 hours with 0 of 1 approvals.'));
  });

  it('user text is literal: no template re-expansion, markdown escaped in TextBlocks, raw in TextRuns', () => {
    const card = buildRequestCard(
      requestModel('rejected', {
        targets: [{ plan: { ...requestModel('rejected').targets[0].plan, subscriptionName: HOSTILE_NAME } }],
        requester: { name: '**Mallory**' },
        rejection: { by: { name: '[Eve](http://x)' }, reason: '${$root.title} **no**\n\n- list' },
      }),
      'everyone',
    );
    assert.deepEqual(validateAdaptiveCard(card), []);
    const text = cardText(card);
    assert.equal(text[0], 'Enable Defender for APIs · ${$root.title} \\*\\*bold\\*\\* \\[link\\](http://x)');
    assert.ok(text.includes('Requested by: \\*\\*Mallory\\*\\*'));
    assert.ok(text.includes('⛔ Rejected by \\[Eve\\](http://x)'));
    assert.ok(text.includes('${$root.title} **no** - list'), 'TextRun: plain, one line');
  });

  it('worst case stays under the size limit: 60+ approvers, long ARM messages, everyone view', () => {
    const approvals = Array.from({ length: 60 }, (_, index) => ({ name: `Approver Number ${index} ${'x'.repeat(40)}`, at: '2025-03-04T15:00:00Z' }));
    const refreshUserIds = Array.from({ length: 90 }, (_, index) => `29:1${'a'.repeat(100)}${index}`);
    const model = requestModel('pending', { approvals, refreshUserIds, minApprovals: 60, statusReason: LONG_ARM_MESSAGE });
    const card = buildRequestCard(model, 'everyone');
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.ok(cardBytes(card) < MAX_CARD_UTF16_BYTES, `${cardBytes(card)} bytes`);
    assert.equal((card.refresh as { userIds: string[] }).userIds.length, MAX_REFRESH_USER_IDS);
    assert.ok(cardText(card).some((line) => line.startsWith('Approvals: 60 of 60 approvals: ') && line.endsWith('and 55 more')));
    const failed = buildRequestCard(requestModelAs('everyone', 'failed', { approvals, refreshUserIds }), 'everyone');
    assert.deepEqual(validateAdaptiveCard(failed), []);
  });
});

/** `count` subscriptions with worst-case names; once run, every third skipped as stale and the rest failed with long ARM messages. */
function manyTargets(count: number, withOutcomes: boolean): RequestTarget[] {
  return Array.from({ length: count }, (_, index) => {
    const subscriptionId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    const plan = planTarget({ subscriptionId, displayName: `${HOSTILE_NAME} ${'x'.repeat(60)} ${index}` }, { ...settings(), subscriptionId });
    const error = { code: 'ExtensionFailed', message: LONG_ARM_MESSAGE };
    if (!withOutcomes) return { plan };
    const outcome: RequestTarget['outcome'] =
      index % 3 === 0
        ? { subscriptionId, status: 'stale', settings: [], staleReasons: ['Defender for APIs was Free when planned and is Standard (P3) now', LONG_ARM_MESSAGE] }
        : { subscriptionId, status: 'failed', settings: plan.changes.map((change) => ({ setting: change.setting, status: 'failed' as const, error })) };
    return { plan, outcome };
  });
}

const RAN = ['succeeded', 'partially-failed', 'failed', 'stale'];
function manyModel(status: (typeof ALL_STATUSES)[number], count: number, page = 1): RequestCardModel {
  return { ...requestModel(status), targets: manyTargets(count, RAN.includes(status)), page };
}

describe('request card: many subscriptions (fleet, revert, onboard)', () => {
  for (const status of ALL_STATUSES) {
    it(`is valid and at most 80 KB of UTF-16 on every page of a 60-subscription request (${status})`, () => {
      const first = buildRequestCard(manyModel(status, 60, 1), 'everyone');
      const pages = Number(/page 1 of (\d+)/.exec(JSON.stringify(first))?.[1]);
      assert.ok(pages >= Math.ceil(60 / REQUEST_TARGETS_PAGE_SIZE), `${pages} pages`);
      for (let page = 1; page <= pages; page++) {
        const card = buildRequestCard(manyModel(status, 60, page), 'everyone');
        assert.deepEqual(validateAdaptiveCard(card), [], `page ${page}`);
        assert.ok(cardBytes(card) <= MAX_CARD_UTF16_BYTES, `page ${page} is ${cardBytes(card)} bytes`);
      }
    });
  }

  it('pages with Show more / Previous carrying the request id and page, and clamps out-of-range pages', () => {
    const first = buildRequestCard(manyModel('pending', 20, 1), 'approver');
    assert.deepEqual(findAction(first, { verb: VERBS.requestPage })?.data, { requestId: REQUEST_ID, page: 2 });
    const last = buildRequestCard(manyModel('pending', 20, 99), 'approver');
    assert.match(JSON.stringify(last), /page 3 of 3/);
    assert.ok(findAction(last, { verb: VERBS.requestPage, title: 'Previous' }));
    const single = buildRequestCard(manyModel('pending', 3, 1), 'approver');
    assert.equal(findAction(single, { verb: VERBS.requestPage }), undefined, 'no paging for one page');
  });

  it('sums up the outcome across subscriptions and says one approval covers them all', () => {
    const ran = cardText(buildRequestCard(manyModel('failed', 6), 'everyone'));
    assert.ok(ran.includes('6 subscriptions · 4 failed · 2 skipped (stale)'), ran.join('\n'));
    const pending = cardText(buildRequestCard(manyModel('pending', 6), 'approver'));
    assert.ok(pending.some((line) => line.endsWith('One approval covers every subscription listed.')));
  });

  it('keeps a hostile subscription name literal', () => {
    const card = buildRequestCard(manyModel('pending', 2), 'everyone');
    assert.ok(!JSON.stringify(card).includes('**bold**'), 'markdown is escaped');
  });
});
