import assert from 'node:assert/strict';
import { buildApprovalCard } from '../../src/cards/approvalCard';
import { MAX_REFRESH_USER_IDS } from '../../src/cards/approvalActions';
import type { ViewerRole } from '../../src/cards/models';
import { REJECT_REASON_INPUT_ID, VERBS } from '../../src/cards/verbs';
import { ALL_STATUSES, approvalModel, approvalModelAs, HOSTILE_NAME, LONG_ARM_MESSAGE, PLAN_HASH, REQUEST_ID } from './fixtures';
import { cardBytes, cardText, collectActions, findAction, findUnresolvedPlaceholders, MAX_CARD_UTF16_BYTES, validateAdaptiveCard } from './validateCard';

const ROLES: ViewerRole[] = ['approver', 'requester', 'observer', 'everyone'];
const verbsOf = (card: Record<string, unknown>) =>
  collectActions(card)
    .filter((action) => action !== (card.refresh as Record<string, unknown> | undefined)?.action)
    .map((action) => action.verb ?? action.type);

describe('approval card: every status × every viewer', () => {
  for (const status of ALL_STATUSES) {
    for (const role of ROLES) {
      it(`${status} as ${role}: valid, no placeholders left`, () => {
        const card = buildApprovalCard(approvalModelAs(role, status), role);
        assert.deepEqual(validateAdaptiveCard(card), []);
        assert.deepEqual(findUnresolvedPlaceholders(card), []);
      });
    }
  }
});

describe('approval card: actions by viewer', () => {
  it('pending, approver: Approve and Reject (with a required reason), bound to requestId + planHash', () => {
    const card = buildApprovalCard(approvalModelAs('approver', 'pending'), 'approver');
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
    assert.deepEqual(verbsOf(buildApprovalCard(approvalModelAs('requester', 'pending'), 'requester')), [VERBS.cancel]);
    assert.deepEqual(verbsOf(buildApprovalCard(approvalModelAs('observer', 'pending'), 'observer')), []);
  });

  it('pending, base card: Approve, Reject, Cancel and a manual Refresh for everyone, with the rule spelt out', () => {
    const card = buildApprovalCard(approvalModelAs('everyone', 'pending'), 'everyone');
    assert.deepEqual(verbsOf(card), [VERBS.approve, 'Action.ShowCard', VERBS.reject, VERBS.cancel, VERBS.refreshRequest]);
    assert.deepEqual(findAction(card, { title: 'Refresh' })!.data, { requestId: REQUEST_ID });
    assert.ok(cardText(card).includes('Only configured approvers can approve; the requester can cancel.'));
  });

  it('failed and partially failed: Retry for approvers and the base card only', () => {
    for (const status of ['failed', 'partially-failed'] as const) {
      assert.deepEqual(verbsOf(buildApprovalCard(approvalModelAs('approver', status), 'approver')), [VERBS.retry]);
      assert.deepEqual(verbsOf(buildApprovalCard(approvalModelAs('everyone', status), 'everyone')), [VERBS.retry]);
      assert.deepEqual(verbsOf(buildApprovalCard(approvalModelAs('requester', status), 'requester')), []);
      assert.deepEqual(verbsOf(buildApprovalCard(approvalModelAs('observer', status), 'observer')), []);
    }
    const retried = buildApprovalCard(approvalModelAs('approver', 'failed', { retriedAs: { requestId: 'req_NEW', url: 'https://teams.microsoft.com/l/message/1' } }), 'approver');
    assert.deepEqual(verbsOf(retried), ['Action.OpenUrl'], 'an already retried request offers its link, not a second retry');
    assert.ok(cardText(retried).includes('Retried as: req\\_NEW'));
  });

  it('finished requests have no buttons and no refresh; live ones refresh for the listed users', () => {
    for (const status of ['succeeded', 'rejected', 'cancelled', 'expired', 'stale'] as const) {
      for (const role of ROLES) {
        const card = buildApprovalCard(approvalModelAs(role, status), role);
        assert.deepEqual(verbsOf(card), [], `${status} as ${role}`);
        assert.equal(card.refresh, undefined);
      }
    }
    const live = buildApprovalCard(approvalModelAs('everyone', 'pending'), 'everyone');
    assert.deepEqual(live.refresh, {
      action: { type: 'Action.Execute', verb: VERBS.refreshRequest, data: { requestId: REQUEST_ID } },
      userIds: ['29:requester', '29:approver-1', '29:approver-2'],
    });
  });
});

describe('approval card: content', () => {
  it('pending shows the changes before → after, quorum, requester and UTC times', () => {
    const text = cardText(buildApprovalCard(approvalModelAs('approver', 'pending', { minApprovals: 2 }), 'approver'));
    assert.ok(text.includes('⏳ Waiting for approval · 0 of 2 approvals'));
    assert.ok(text.includes('Defender for APIs: Free → Standard (P1)'));
    assert.ok(text.includes('API security posture management (CSPM): Off → On'));
    assert.ok(text.includes('Requested by: Riya Requester'));
    assert.ok(text.includes('Created: 2025-03-04 14:05 UTC'));
    assert.ok(text.includes('Expires: 2025-03-05 14:05 UTC'));
  });

  it('partially failed shows each setting done or failed, with ARM\'s message as plain text', () => {
    const text = cardText(buildApprovalCard(approvalModelAs('observer', 'partially-failed'), 'observer'));
    assert.ok(text.includes('⚠️ 1 of 3 changes failed; the rest were applied.'));
    assert.equal(text.filter((line) => line === '✅ Done').length, 2);
    assert.equal(text.filter((line) => line === '❌ Failed').length, 1);
    assert.ok(text.some((line) => line.startsWith('AuthorizationFailed: The client does not have authorization') && line.length <= 500));
  });

  it('rejected shows who and the reason; stale shows what moved; expired says why', () => {
    const rejected = cardText(buildApprovalCard(approvalModelAs('requester', 'rejected'), 'requester'));
    assert.ok(rejected.includes('⛔ Rejected by Ava Approver'));
    assert.ok(rejected.includes('Not during the release freeze.'));
    const stale = cardText(buildApprovalCard(approvalModelAs('approver', 'stale'), 'approver'));
    assert.ok(stale.includes('• Defender for APIs was Free when planned and is Standard (P2) now'));
    const expired = cardText(buildApprovalCard(approvalModelAs('approver', 'expired'), 'approver'));
    assert.ok(expired.includes('Expired after 24 hours with 0 of 1 approvals.'));
  });

  it('user text is literal: no template re-expansion, markdown escaped in TextBlocks, raw in TextRuns', () => {
    const card = buildApprovalCard(
      approvalModel('rejected', {
        plan: { ...approvalModel('rejected').plan, subscriptionName: HOSTILE_NAME },
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
    const model = approvalModel('pending', { approvals, refreshUserIds, minApprovals: 60, statusReason: LONG_ARM_MESSAGE });
    const card = buildApprovalCard(model, 'everyone');
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.ok(cardBytes(card) < MAX_CARD_UTF16_BYTES, `${cardBytes(card)} bytes`);
    assert.equal((card.refresh as { userIds: string[] }).userIds.length, MAX_REFRESH_USER_IDS);
    assert.ok(cardText(card).some((line) => line.startsWith('Approvals: 60 of 60 approvals: ') && line.endsWith('and 55 more')));
    const failed = buildApprovalCard(approvalModelAs('everyone', 'failed', { approvals, refreshUserIds }), 'everyone');
    assert.deepEqual(validateAdaptiveCard(failed), []);
  });
});
