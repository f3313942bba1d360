/**
 * Threat: a message crafted to be expensive (huge, or full of markup) stalls the one Node.js event loop that
 * serves everybody. Regression: `<at>` markup made normalising quadratic — 240 KB of "<at" took about a minute.
 */
import assert from 'node:assert/strict';
import { MAX_COMMAND_LENGTH } from '../../src/core/commands/command';
import { BotHarness, cardOf, cardText, createBotHarness } from '../bot/harness';
import { REQUESTER } from '../bot/people';
import { pricingPuts } from '../bot/requestFlow';

describe('security: oversized and crafted message text', () => {
  let bot: BotHarness;
  before(async () => (bot = await createBotHarness()));
  after(() => bot.close());

  const crafted = [
    { name: 'unclosed mention tags', text: '<at'.repeat(80_000) },
    { name: 'mention tags without an end', text: '<at>'.repeat(60_000) },
    { name: 'html tags without an end', text: '<a'.repeat(120_000) },
    { name: 'plain text just under the body limit', text: 'status '.repeat(35_000) },
  ];

  for (const { name, text } of crafted) {
    it(`threat: a huge message of ${name} is answered at once with "too long" and does nothing`, async () => {
      const started = Date.now();
      const replies = await bot.send(text, REQUESTER);
      const elapsedMs = Date.now() - started;
      assert.ok(elapsedMs < 1_000, `the turn took ${elapsedMs} ms`);
      assert.equal(replies.length, 1);
      assert.match(cardText(cardOf(replies[0])), new RegExp(`too long.*${MAX_COMMAND_LENGTH}`, 'is'));
      assert.deepEqual(pricingPuts(bot), []);
    });
  }

  it(`threat: a command of ${MAX_COMMAND_LENGTH + 1} characters is refused as too long, one of ${MAX_COMMAND_LENGTH} is read`, async () => {
    const tooLong = await bot.send(`status "${'x'.repeat(MAX_COMMAND_LENGTH - 'status ""'.length + 1)}"`, REQUESTER);
    assert.match(cardText(cardOf(tooLong[0])), /too long/i);
    const justRight = await bot.send(`status "${'x'.repeat(MAX_COMMAND_LENGTH - 'status ""'.length)}"`, REQUESTER);
    assert.match(cardText(cardOf(justRight[0])), /Subscription not found/);
  });
});
