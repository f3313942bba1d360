import assert from 'node:assert/strict';
import { VERBS } from '../../../src/cards';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER } from '../people';
import { openRequest } from '../requestFlow';

describe('when applying fails inside the bot after the approval was answered', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it('tells the approver, in their conversation, that it did not finish and when it will be settled', async () => {
    const { approveData, requestId } = await openRequest(bot);
    bot.simulator.setFaults({ latencyMs: 300 });
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.store.close(); // storage goes away while ARM is being called: the outcome cannot be saved
    await bot.settle();

    const notice = bot.adapter.sent.filter((activity) => activity.type === 'message').at(-1);
    assert.equal(notice?.conversation?.id, `a:personal-${APPROVER.id}`, "told in the approver's own conversation");
    const text = cardText(cardOf(notice));
    assert.match(text, /The approved change did not finish/);
    assert.match(text.replace(/\\_/g, '_'), new RegExp(`${requestId}[\\s\\S]*Within 14 minutes`));
  });
});
