import assert from 'node:assert/strict';
import { VERBS } from '../../../src/cards';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { findAction } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, REQUESTER } from '../people';
import { openRequest } from '../requestFlow';

describe('a partial failure and its retry', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it('reports each setting with ARM\'s message, and Retry makes a linked request for what failed', async () => {
    const { approveData, requestId } = await openRequest(bot, '"Woodgrove Payments"');
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    const finished = await bot.deps.approvals.get(requestId);
    assert.equal(finished?.status, 'partially-failed');
    const card = cardOf(bot.adapter.updates.at(-1));
    assert.match(cardText(card), /Failed/i);
    assert.ok(findAction(card, { verb: VERBS.retry }), 'the base card offers Retry');
    assert.match(cardText(cardOf(bot.adapter.sent.at(-1))), /partly failed/);

    // Whatever made ApiPosture fail is fixed; an approver retries.
    bot.simulator.state.subscription(DEMO_SUBSCRIPTIONS.woodgrovePayments).failingExtensions = [];
    await bot.click(VERBS.retry, { requestId }, APPROVER);
    const retry = (await bot.deps.approvals.listActionable({ id: APPROVER.aadObjectId!, name: APPROVER.name }))[0];
    assert.equal(retry.retryOf, requestId);
    assert.deepEqual(retry.plan.targets[0].changes.map((change) => change.setting), ['apiPosture']);
    const refusedRequester = await bot.click(VERBS.retry, { requestId }, REQUESTER);
    assert.match(cardText(refusedRequester), /You are not on the approver list/);
    assert.match(cardText(refusedRequester), /Partly done/, 'the refusal comes on top of the request as it is');
  });
});
