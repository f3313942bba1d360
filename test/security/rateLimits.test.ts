/**
 * Threat: a compromised or careless requester floods approvers with requests, an approver account clicks in a
 * loop, or anyone re-reads the whole fleet over and over (ARM throttling hurts everybody). Per-user limits, with
 * the production defaults, answered with a card that says when to try again.
 */
import assert from 'node:assert/strict';
import { VERBS } from '../../src/cards';
import { DEFAULT_RATE_LIMITS } from '../../src/config/rateLimitSettings';
import { BotHarness, cardOf, cardText, createBotHarness } from '../bot/harness';
import { APPROVER, BYSTANDER, REQUESTER } from '../bot/people';
import { openRequest, pricingPuts } from '../bot/requestFlow';

const RATE_LIMITED = /Please wait a little[\s\S]*try again in \d+ (minute|second)s? \(at \d\d:\d\d:\d\d UTC\)/;

describe('security: per-user rate limits (production defaults)', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it(`threat: a requester flooding approvers gets "try again in …" after ${DEFAULT_RATE_LIMITS.enable.limit} enables in 10 minutes, and no ARM call`, async () => {
    for (let attempt = 0; attempt < DEFAULT_RATE_LIMITS.enable.limit; attempt++) {
      const replies = await bot.send('enable "Contoso Prod"', REQUESTER);
      assert.doesNotMatch(cardText(cardOf(replies[0])), RATE_LIMITED);
      bot.clock.advance(1000);
    }
    const armCallsBefore = bot.simulator.requests().length;
    const refused = await bot.send('enable "Contoso Dev"', REQUESTER);
    assert.equal(refused.length, 1);
    assert.match(cardText(cardOf(refused[0])), RATE_LIMITED);
    assert.match(cardText(cardOf(refused[0])), /in 10 minutes/);
    assert.match(cardText(await bot.click(VERBS.enablePreview, { subscriptionId: '7a2e91c4-5d3b-4f08-b6e2-91c0d4a8e372' }, REQUESTER)), RATE_LIMITED);
    assert.equal(bot.simulator.requests().length, armCallsBefore, 'a refused enable reads nothing from ARM');
    assert.doesNotMatch(cardText(cardOf((await bot.send('enable "Contoso Dev"', BYSTANDER))[0])), RATE_LIMITED, 'others are not affected');
    bot.clock.advance(DEFAULT_RATE_LIMITS.enable.windowMs);
    assert.doesNotMatch(cardText(cardOf((await bot.send('enable "Contoso Dev"', REQUESTER))[0])), RATE_LIMITED, 'allowed again once the window has passed');
  });

  it(`threat: an approver account clicking in a loop is stopped after ${DEFAULT_RATE_LIMITS.approvals.limit} approvals, even with a valid payload, and writes nothing`, async () => {
    const request = await openRequest(bot);
    for (let attempt = 0; attempt < DEFAULT_RATE_LIMITS.approvals.limit; attempt++) {
      assert.doesNotMatch(cardText(await bot.click(VERBS.approve, { ...request.approveData, planHash: 'f'.repeat(64) }, APPROVER)), RATE_LIMITED);
    }
    assert.match(cardText(await bot.click(VERBS.approve, request.approveData, APPROVER)), RATE_LIMITED);
    await bot.settle();
    assert.deepEqual(pricingPuts(bot), []);
    assert.equal((await bot.deps.approvals.get(request.requestId))?.status, 'pending');
    bot.clock.advance(DEFAULT_RATE_LIMITS.approvals.windowMs);
    await bot.click(VERBS.approve, request.approveData, APPROVER);
    await bot.settle();
    assert.equal(pricingPuts(bot).length, 2, 'the same approval works once the window has passed');
  });

  it(`threat: re-reading the whole fleet is limited to ${DEFAULT_RATE_LIMITS.list.limit} a minute per person, Show more included`, async () => {
    for (let attempt = 0; attempt < DEFAULT_RATE_LIMITS.list.limit - 1; attempt++) await bot.send('list', BYSTANDER);
    assert.doesNotMatch(cardText(await bot.click(VERBS.listMore, { page: 2 }, BYSTANDER)), RATE_LIMITED);
    const armCallsBefore = bot.simulator.requests().length;
    assert.match(cardText(cardOf((await bot.send('list', BYSTANDER))[0])), RATE_LIMITED);
    assert.match(cardText(await bot.click(VERBS.listMore, { page: 2 }, BYSTANDER)), RATE_LIMITED);
    assert.equal(bot.simulator.requests().length, armCallsBefore);
  });

  it('threat: changing the Teams user id does not reset the count: people are counted by Entra object id', async () => {
    for (let attempt = 0; attempt < DEFAULT_RATE_LIMITS.list.limit; attempt++) await bot.send('list', { ...BYSTANDER, id: `29:alias-${attempt}` });
    assert.match(cardText(cardOf((await bot.send('list', { ...BYSTANDER, id: '29:yet-another' }))[0])), RATE_LIMITED);
  });
});
