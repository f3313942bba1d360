import assert from 'node:assert/strict';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { CONVERSATION_KINDS } from '../conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { REQUESTER } from '../people';

describe('help command', () => {
  let bot: BotHarness;
  before(async () => (bot = await createBotHarness()));
  after(() => bot.close());

  for (const kind of CONVERSATION_KINDS) {
    it(`answers with a card listing every command (${kind})`, async () => {
      const replies = await bot.send('help', REQUESTER, kind);
      assert.equal(replies.length, 1);
      const card = cardOf(replies[0]);
      assert.deepEqual(validateAdaptiveCard(card), []);
      for (const command of ['status', 'list', 'enable', 'requests', 'history']) assert.match(cardText(card), new RegExp(command));
    });
  }

  it('answers "?" and "HELP" the same way', async () => {
    const [upper] = await bot.send('HELP', REQUESTER);
    const [question] = await bot.send('?', REQUESTER);
    assert.deepEqual(cardOf(upper), cardOf(question));
  });
});
