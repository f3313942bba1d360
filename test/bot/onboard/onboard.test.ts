/** `onboard <sub>` through the real Application and the simulator: approval, then a long-running PUT per API, polled. */
import assert from 'node:assert/strict';
import { DEMO_SEED, DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { cardSizeInUtf16Bytes, MAX_CARD_UTF16_BYTES, VERBS } from '../../../src/cards';
import { MAX_APIS_PER_ONBOARDING } from '../../../src/core/plan';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, REQUESTER } from '../people';
import { approveDataOf } from '../requestFlow';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

describe('onboard APIM APIs to Defender for APIs', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it('status shows, for each API, whether it is onboarded', async () => {
    const prod = cardText(cardOf((await bot.send('status "Contoso Prod"', REQUESTER))[0]));
    assert.match(prod, /Petstore ○ not onboarded, Orders API ○ not onboarded, Payments v2 ○ not onboarded/);
    const dev = cardText(cardOf((await bot.send('status "Contoso Dev"', REQUESTER))[0]));
    assert.match(dev, /Echo API ✅ onboarded/);
  });

  it('asks for approval, onboards every API not yet onboarded through the long-running PUT (polling through a 429), and status then shows them onboarded', async () => {
    const replies = await bot.send('onboard "Contoso Prod"', REQUESTER);
    assert.equal(replies.length, 2);
    assert.match(cardText(cardOf(replies[0])), /3 APIs to onboard/);
    const card = cardOf(replies[1]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.match(cardText(card), /Onboard APIs to Defender for APIs · Contoso Prod/);
    assert.match(cardText(card), /Onboard API contoso-apim\/petstore: Not onboarded → Onboarded/);
    assert.equal(bot.simulator.writes().length, 0, 'nothing is written before approval');

    bot.simulator.failNext({ method: 'GET', pathIncludes: 'apiCollections', status: 429, count: 1 });
    await bot.click(VERBS.approve, approveDataOf(card), APPROVER);
    await bot.settle();

    const request = await bot.deps.approvals.get(approveDataOf(card).requestId);
    assert.equal(request?.status, 'succeeded', JSON.stringify(request?.outcomes));
    assert.deepEqual(request?.outcomes?.[0].settings.map((setting) => `${setting.subject}:${setting.status}`), [
      'contoso-apim/petstore:done', 'contoso-apim/orders-api:done', 'contoso-apim/payments-v2:done',
    ]);
    const calls = bot.simulator.requests().filter((call) => call.path.includes('apiCollections'));
    const puts = calls.filter((call) => call.method === 'PUT');
    const polls = calls.filter((call) => call.method === 'GET' && '$asyncScope' in call.query);
    assert.equal(puts.length, 3);
    assert.ok(polls.length >= 3, `each onboarding is followed through its Location (${polls.length} polls)`);
    const throttled = calls.find((call) => call.status === 429);
    assert.ok(throttled && '$asyncScope' in throttled.query, 'a poll was throttled (429), and the pipeline retried it');
    assert.ok(bot.simulator.state.subscription(PROD).apiCollections.every((collection) => collection.provisioningState === 'Succeeded'));
    assert.match(cardText(cardOf(bot.adapter.updates.at(-1))), /Done/);

    const after = cardText(cardOf((await bot.send('status "Contoso Prod"', REQUESTER))[0]));
    assert.match(after, /Petstore ✅ onboarded, Orders API ✅ onboarded, Payments v2 ✅ onboarded/);
    const again = await bot.send('onboard "Contoso Prod"', REQUESTER);
    assert.match(cardText(cardOf(again[0])), /Nothing to onboard/);
  });
});

describe('onboard: a request lists every API it onboards, so one request takes at most 50', () => {
  it('opens a request for the first 50 of 60 APIs, says the other 10 wait, and its card fits in Teams', async () => {
    const seed = structuredClone(DEMO_SEED);
    const prod = seed.subscriptions.find((subscription) => subscription.subscriptionId === PROD)!;
    prod.apiManagementServices![0].apis = Array.from({ length: 60 }, (_, index) => ({ name: `api-${index}`, displayName: `API number ${index}` }));
    const bot = await createBotHarness({ seed });
    try {
      const replies = await bot.send('onboard "Contoso Prod"', REQUESTER);
      assert.match(cardText(cardOf(replies[0])), new RegExp(`${MAX_APIS_PER_ONBOARDING} APIs to onboard`));
      assert.match(cardText(cardOf(replies[0])), /10 more APIs wait/);
      const request = await bot.deps.approvals.get(approveDataOf(cardOf(replies[1])).requestId);
      assert.equal(request?.plan.targets[0].changes.length, MAX_APIS_PER_ONBOARDING);
      assert.ok(cardSizeInUtf16Bytes(cardOf(replies[1])) <= MAX_CARD_UTF16_BYTES);
    } finally {
      await bot.close();
    }
  });
});
