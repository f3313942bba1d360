import assert from 'node:assert/strict';
import { buildEnablePreviewCard, COST_NOTE } from '../../src/cards/enablePreviewCard';
import { planTarget } from '../../src/core/plan';
import { HOSTILE_NAME, settings, SUBSCRIPTION_ID } from './fixtures';
import { cardText, collectActions, findUnresolvedPlaceholders, validateAdaptiveCard } from './validateCard';

const subscription = { subscriptionId: SUBSCRIPTION_ID, displayName: 'Contoso Prod' };

describe('enable preview card', () => {
  it('lists each change before → after, the cost note, and that it went for approval', () => {
    const plan = planTarget(subscription, settings({ cspmOn: true }), { apiSubPlan: 'P2' });
    const card = buildEnablePreviewCard({ plan, requestId: 'req_ABC', minApprovals: 2 });
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.deepEqual(findUnresolvedPlaceholders(card), []);
    const text = cardText(card);
    assert.ok(text.includes('2 changes to make (Defender for APIs plan P2):'));
    assert.ok(text.includes('Defender for APIs: Free → Standard (P2)'));
    assert.ok(text.includes('API security posture management (CSPM): Off → On'));
    assert.ok(!text.some((line) => line.startsWith('Defender CSPM plan')), 'CSPM is already on: not a change');
    assert.ok(text.includes(COST_NOTE));
    assert.ok(text.includes('Sent for approval as request req\\_ABC: it needs 2 approvals. Nothing changes until then. The approval card follows.'));
    assert.deepEqual(collectActions(card), []);
  });

  it('before a request exists, says what will happen next', () => {
    const plan = planTarget(subscription, settings());
    const text = cardText(buildEnablePreviewCard({ plan, minApprovals: 1 }));
    assert.ok(text.includes('3 changes to make (Defender for APIs plan P1):'));
    assert.ok(text.includes('Next: this goes to the approvers; it needs 1 approval before anything changes.'));
  });

  it('nothing to change: says so, asks no approval, shows no cost note', () => {
    const plan = planTarget(subscription, settings({ apisOn: true, cspmOn: true, postureOn: true }));
    const card = buildEnablePreviewCard({ plan, minApprovals: 1 });
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.deepEqual(findUnresolvedPlaceholders(card), []);
    const text = cardText(card);
    assert.ok(text.includes('✅ Nothing to change: Defender for APIs and API security posture are already on.'));
    assert.ok(text.includes('No request was made and no approval is needed.'));
    assert.ok(!text.includes(COST_NOTE));
  });

  it('escapes the subscription name', () => {
    const plan = planTarget({ subscriptionId: SUBSCRIPTION_ID, displayName: HOSTILE_NAME }, settings());
    const card = buildEnablePreviewCard({ plan, minApprovals: 1 });
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.equal(cardText(card)[0], 'Enable Defender for APIs · ${$root.title} \\*\\*bold\\*\\* \\[link\\](http://x)');
  });
});
