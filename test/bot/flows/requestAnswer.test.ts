import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';
import { DEFAULT_RATE_LIMITS } from '../../../src/config/rateLimitSettings';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { REQUESTER } from '../people';

describe('every request-opening command shares the enable rate limit', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  for (const command of ['enable "Contoso Prod", "Fabrikam Sandbox"', 'enable all', 'revert req_aaaaaaaaaaaaaaaaaaaa', 'onboard "Contoso Prod"']) {
    it(`refuses \`${command}\` once the person opened ${DEFAULT_RATE_LIMITS.enable.limit} requests lately, before reading ARM`, async () => {
      for (let attempt = 0; attempt < DEFAULT_RATE_LIMITS.enable.limit; attempt++) await bot.send('enable "Contoso Dev"', REQUESTER);
      const armCallsBefore = bot.simulator.requests().length;
      const replies = await bot.send(command, REQUESTER);
      assert.equal(replies.length, 1);
      assert.match(cardText(cardOf(replies[0])), /Please wait a little/);
      assert.equal(bot.simulator.requests().length, armCallsBefore);
    });
  }

  it('refuses the posture card\'s Onboard button the same way, before reading ARM', async () => {
    for (let attempt = 0; attempt < DEFAULT_RATE_LIMITS.enable.limit; attempt++) await bot.send('enable "Contoso Dev"', REQUESTER);
    const armCallsBefore = bot.simulator.requests().length;
    const answer = await bot.click(VERBS.onboardApis, { subscriptionId: DEMO_SUBSCRIPTIONS.contosoProd }, REQUESTER);
    assert.match(cardText(answer), /Please wait a little/);
    assert.equal(bot.simulator.requests().length, armCallsBefore);
  });
});
