/** Fleet requests through the real Application and the simulator: one approval, per-subscription results, stale skipped. */
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS, generateFleetSeed } from '../../../src/azure/simulator';
import { REQUEST_TARGETS_PAGE_SIZE, VERBS } from '../../../src/cards';
import { findAction, validateAdaptiveCard } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, REQUESTER } from '../people';
import { approveDataOf, openRequest, pricingPuts } from '../requestFlow';

const { contosoProd, fabrikamSandbox, woodgrovePayments } = DEMO_SUBSCRIPTIONS;

describe('fleet requests (enable A, B, C / enable all)', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it('one approval; a stale target is skipped and reported, a failing one is reported per setting, the rest go ahead; Retry for the failed', async () => {
    const replies = await bot.send('enable "Contoso Prod", "Fabrikam Sandbox", sub "Woodgrove Payments"', REQUESTER);
    assert.equal(replies.length, 2, 'a summary and one request card');
    assert.match(cardText(cardOf(replies[0])), /opened for 3 subscriptions/);
    const requestCard = cardOf(replies[1]);
    assert.deepEqual(validateAdaptiveCard(requestCard), []);
    assert.match(cardText(requestCard), /3 subscriptions/);
    const approveData = approveDataOf(requestCard);
    const request = await bot.deps.approvals.get(approveData.requestId);
    assert.deepEqual(request?.plan.targets.map((target) => target.subscriptionId).sort(), [contosoProd, fabrikamSandbox, woodgrovePayments].sort());

    // Someone turns Defender for APIs on in Fabrikam Sandbox between the request and the approval.
    bot.simulator.state.setPricing(fabrikamSandbox, { name: 'Api', pricingTier: 'Standard', subPlan: 'P3' });

    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    const finished = await bot.deps.approvals.get(approveData.requestId);
    assert.equal(finished?.status, 'partially-failed');
    const outcomeOf = (subscriptionId: string) => finished?.outcomes?.find((outcome) => outcome.subscriptionId === subscriptionId);
    assert.equal(outcomeOf(contosoProd)?.status, 'succeeded');
    assert.equal(outcomeOf(fabrikamSandbox)?.status, 'stale');
    assert.match(outcomeOf(fabrikamSandbox)?.staleReasons?.join(' ') ?? '', /Defender for APIs was Free when planned and is Standard \(P3\) now/);
    assert.equal(outcomeOf(woodgrovePayments)?.status, 'partially-failed');
    assert.deepEqual(outcomeOf(woodgrovePayments)?.settings.map((setting) => `${setting.setting}:${setting.status}`), ['defenderForApis:done', 'apiPosture:failed']);
    assert.ok(!pricingPuts(bot).some((put) => put.includes(fabrikamSandbox)), 'nothing was written to the stale subscription');

    const finalCard = cardOf(bot.adapter.updates.at(-1));
    assert.deepEqual(validateAdaptiveCard(finalCard), []);
    const text = cardText(finalCard);
    assert.match(text, /1 done · 1 partly failed · 1 skipped \(stale\)/);
    assert.match(text, /Skipped: stale/);
    assert.match(text, /API security posture management \(CSPM\): Failed/);
    const retry = findAction(finalCard, { verb: VERBS.retry });
    assert.ok(retry, 'Retry is offered for the failed ones');

    await bot.click(VERBS.retry, { requestId: approveData.requestId, planHash: approveData.planHash }, APPROVER);
    const retried = (await bot.deps.audit.list({ requestId: approveData.requestId, limit: 20 })).find((entry) => entry.type === 'request.retried');
    const retryRequest = await bot.deps.approvals.get(String(retried?.details.newRequestId));
    assert.equal(retryRequest?.retryOf, approveData.requestId);
    // The stale one is planned afresh from its new state (its CSPM is still off); the succeeded one is not retried.
    assert.deepEqual(retryRequest?.plan.targets.map((target) => target.subscriptionName).sort(), ['Fabrikam Sandbox', 'Woodgrove Payments']);
  });

  it('`enable all` plans from Resource Graph: every subscription where something is off, leaving out (and naming) one with an open request', async () => {
    const open = await openRequest(bot, '"Woodgrove Payments"');
    bot.simulator.clearRequests();
    const replies = await bot.send('enable all', REQUESTER);
    assert.ok(!bot.simulator.requests().some((request) => request.path.endsWith('/providers/Microsoft.Security/pricings')), 'planning reads no subscription one by one');
    const summary = cardText(cardOf(replies[0]));
    assert.match(summary, new RegExp(`Woodgrove Payments: already has open request ${open.requestId.replace('_', '\\\\_')}`));
    const { requestId, planHash } = approveDataOf(cardOf(replies[1]));
    const request = await bot.deps.approvals.get(requestId);
    // Contoso Dev is fully on. Legacy Billing has no pricing rows in Resource Graph (Microsoft.Security is not
    // registered), so it reads as Free and is planned; its own ARM re-read at apply time refuses it.
    assert.deepEqual(request?.plan.targets.map((target) => target.subscriptionName).sort(), ['Contoso Prod', 'Fabrikam Sandbox', 'Legacy Billing', 'Northwind Analytics']);

    await bot.click(VERBS.approve, { requestId, planHash }, APPROVER);
    await bot.settle();
    const legacy = (await bot.deps.approvals.get(requestId))?.outcomes?.find((outcome) => outcome.subscriptionId === DEMO_SUBSCRIPTIONS.legacyBilling);
    assert.equal(legacy?.status, 'failed');
    assert.match(legacy?.settings[0].error?.message ?? '', /az provider register --namespace Microsoft.Security/);
    assert.ok(!pricingPuts(bot).some((put) => put.includes(DEMO_SUBSCRIPTIONS.legacyBilling)), 'nothing was written to it');
  });

  it('`enable all` without Resource Graph reads each subscription and leaves out the one it cannot read', async () => {
    bot.simulator.setFaults({ graphUnavailable: true });
    const replies = await bot.send('enable all', REQUESTER);
    const request = await bot.deps.approvals.get(approveDataOf(cardOf(replies[1])).requestId);
    assert.deepEqual(request?.plan.targets.map((target) => target.subscriptionName).sort(), ['Contoso Prod', 'Fabrikam Sandbox', 'Northwind Analytics', 'Woodgrove Payments']);
    assert.match(cardText(cardOf(replies[0])), /Legacy Billing: could not be read/);
  });

  it('refuses the whole request when a name does not pick exactly one subscription', async () => {
    const replies = await bot.send('enable "Contoso Prod", Contoso', REQUESTER);
    assert.equal(replies.length, 1);
    assert.match(cardText(cardOf(replies[0])), /"Contoso" matches Contoso Prod, Contoso Dev|"Contoso" matches Contoso Dev, Contoso Prod/);
    assert.deepEqual(await bot.deps.audit.list({ limit: 5 }), [], 'no request was opened');
  });
});

describe('fleet request card paging', () => {
  it('shows 8 subscriptions per page and "Show more" returns the next page of the same request', async () => {
    const bot = await createBotHarness({ seed: generateFleetSeed(30, { seed: 7 }) });
    try {
      const replies = await bot.send('enable all', REQUESTER);
      const card = cardOf(replies[1]);
      assert.deepEqual(validateAdaptiveCard(card), []);
      const request = await bot.deps.approvals.get(approveDataOf(card).requestId);
      const count = request!.plan.targets.length;
      assert.ok(count > REQUEST_TARGETS_PAGE_SIZE, `${count} subscriptions need paging`);
      const more = findAction(card, { verb: VERBS.requestPage });
      assert.deepEqual(more?.data, { requestId: request!.id, page: 2 });
      const second = await bot.click(VERBS.requestPage, more!.data, APPROVER);
      assert.deepEqual(validateAdaptiveCard(second), []);
      assert.match(cardText(second), new RegExp(`Subscriptions 9–${Math.min(16, count)} of ${count}`));
      assert.ok(findAction(second, { verb: VERBS.approve }), 'the approver can approve from any page');
    } finally {
      await bot.close();
    }
  });
});
