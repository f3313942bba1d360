import assert from 'node:assert/strict';
import { VERBS } from '../../../src/cards';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, BYSTANDER, REQUESTER, SECOND_APPROVER } from '../people';
import { openRequest, pricingPuts } from '../requestFlow';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

describe('approve action', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it('answers at once with "executing", applies both settings once, and updates the card for everyone', async () => {
    const { requestId, planHash } = await openRequest(bot);
    const answer = await bot.click(VERBS.approve, { requestId, planHash }, APPROVER);
    assert.deepEqual(validateAdaptiveCard(answer), []);
    assert.match(cardText(answer), /being applied|executing|Applying/i);

    await bot.settle();
    assert.deepEqual(pricingPuts(bot).sort(), [
      `PUT /subscriptions/${PROD}/providers/Microsoft.Security/pricings/Api`,
      `PUT /subscriptions/${PROD}/providers/Microsoft.Security/pricings/CloudPosture`,
    ]);
    const lastUpdate = bot.adapter.updates.at(-1);
    assert.match(cardText(cardOf(lastUpdate)), /succeeded|Done/i);
    const notice = bot.adapter.sent.at(-1);
    assert.match(cardText(cardOf(notice)), /Your request is done/);
    assert.equal((await bot.deps.approvals.get(requestId))?.status, 'succeeded');
  });

  const refusals: Array<{ name: string; act: (bot: BotHarness, request: { requestId: string; planHash: string }) => Promise<Record<string, unknown>>; says: RegExp }> = [
    {
      name: 'the requester approving their own request',
      act: (bot, request) => bot.click(VERBS.approve, request, REQUESTER),
      says: /can't approve it yourself/i,
    },
    {
      name: 'someone who is not an approver',
      act: (bot, request) => bot.click(VERBS.approve, request, BYSTANDER),
      says: /not an approver|approvers/i,
    },
    {
      name: 'an expired request',
      act: async (bot, request) => {
        bot.clock.advance(25 * 3600 * 1000);
        return bot.click(VERBS.approve, request, APPROVER);
      },
      says: /expired/i,
    },
    {
      name: 'a wrong plan hash',
      act: (bot, request) => bot.click(VERBS.approve, { ...request, planHash: 'f'.repeat(64) }, APPROVER),
      says: /changed|plan/i,
    },
    {
      name: 'another (unknown) request id',
      act: (bot, request) => bot.click(VERBS.approve, { ...request, requestId: 'req_aaaaaaaaaaaaaaaaaaaa' }, APPROVER),
      says: /No request/i,
    },
    {
      name: 'a malformed request id',
      act: (bot, request) => bot.click(VERBS.approve, { ...request, requestId: '../../etc/passwd' }, APPROVER),
      says: /requestId|cannot accept/i,
    },
    {
      name: 'an identity smuggled in the card data',
      act: (bot, request) => bot.click(VERBS.approve, { ...request, approver: APPROVER.aadObjectId }, REQUESTER),
      says: /unexpected field "approver"/i,
    },
  ];

  for (const refusal of refusals) {
    it(`refuses ${refusal.name} with a clear answer and writes nothing`, async () => {
      const request = await openRequest(bot);
      const answer = await refusal.act(bot, request.approveData);
      await bot.settle();
      assert.deepEqual(validateAdaptiveCard(answer), []);
      assert.match(cardText(answer), refusal.says);
      assert.deepEqual(pricingPuts(bot), []);
      assert.equal((await bot.deps.approvals.get(request.requestId))?.status, refusal.name === 'an expired request' ? 'expired' : 'pending');
    });
  }

  it('refuses a stale plan: the settings moved after planning, so nothing is written and the requester is told', async () => {
    const request = (await openRequest(bot)).approveData;
    bot.simulator.state.setPricing(PROD, { name: 'Api', pricingTier: 'Standard', subPlan: 'P3' });
    await bot.click(VERBS.approve, request, APPROVER);
    await bot.settle();
    assert.deepEqual(pricingPuts(bot).filter((put) => put.startsWith('PUT')), []);
    assert.equal((await bot.deps.approvals.get(request.requestId))?.status, 'stale');
    assert.match(cardText(cardOf(bot.adapter.sent.at(-1))), /not applied|changed after the plan/i);
  });

  it('makes one apply from a double click', async () => {
    const request = (await openRequest(bot)).approveData;
    const answers = await Promise.all([bot.click(VERBS.approve, request, APPROVER), bot.click(VERBS.approve, request, APPROVER)]);
    await bot.settle();
    assert.equal(pricingPuts(bot).length, 2);
    const texts = answers.map((answer) => cardText(answer));
    assert.ok(texts.some((text) => /already|being applied|not waiting/i.test(text)), texts.join('\n-----\n'));
  });

  it('makes one apply from two approvers at once', async () => {
    const request = (await openRequest(bot)).approveData;
    await Promise.all([bot.click(VERBS.approve, request, APPROVER), bot.click(VERBS.approve, request, SECOND_APPROVER)]);
    await bot.settle();
    assert.equal(pricingPuts(bot).length, 2);
  });
});
