import assert from 'node:assert/strict';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { REQUESTER } from '../people';

describe('long work shows a working card, replaced in place by the answer', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it('sends "working…" when ARM is slow, then updates that same card with the status', async () => {
    bot.deps.workingCardDelayMs = 50;
    bot.simulator.setFaults({ latencyMs: 300 });
    const replies = await bot.send('status "Contoso Prod"', REQUESTER);
    assert.equal(replies.length, 1, 'one card in the chat, not two');
    assert.match(cardText(cardOf(replies[0])), /Working on it/);
    const update = bot.adapter.updates.find((activity) => activity.id === replies[0].id);
    assert.ok(update, 'the working card was updated in place');
    assert.match(cardText(cardOf(update)), /Defender status · Contoso Prod/);
  });

  it('answers fast work directly, without a working card', async () => {
    bot.deps.workingCardDelayMs = 5_000;
    const replies = await bot.send('status "Contoso Prod"', REQUESTER);
    assert.equal(replies.length, 1);
    assert.match(cardText(cardOf(replies[0])), /Defender status · Contoso Prod/);
    assert.deepEqual(bot.adapter.updates, []);
  });

  it('replaces the working card with the error when the work fails', async () => {
    bot.deps.workingCardDelayMs = 50;
    bot.simulator.setFaults({ latencyMs: 300 });
    bot.simulator.failNext({ method: 'GET', pathIncludes: '/pricings', status: 403, code: 'AuthorizationFailed', count: 5 });
    const replies = await bot.send('status "Contoso Prod"', REQUESTER);
    assert.equal(replies.length, 1);
    const update = bot.adapter.updates.find((activity) => activity.id === replies[0].id);
    assert.match(cardText(cardOf(update)), /AuthorizationFailed|Security Admin/);
  });
});
