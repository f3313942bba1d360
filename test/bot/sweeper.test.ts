import assert from 'node:assert/strict';
import { startSweeper } from '../../src/bot/sweeper';
import { BotHarness, cardOf, cardText, createBotHarness } from './harness';
import { openRequest } from './requestFlow';

describe('the sweeper', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it('expires a request past its time and updates its card for everyone', async () => {
    const { requestId, requestCardActivity } = await openRequest(bot);
    const sweeper = startSweeper(bot.deps, 3_600_000);
    try {
      await sweeper.sweepNow();
      assert.equal((await bot.deps.approvals.get(requestId))?.status, 'pending', 'not yet expired');
      bot.clock.advance(24 * 3600 * 1000 + 1);
      await sweeper.sweepNow();
    } finally {
      sweeper.stop();
    }
    assert.equal((await bot.deps.approvals.get(requestId))?.status, 'expired');
    const update = bot.adapter.updates.filter((activity) => activity.id === requestCardActivity.id).at(-1);
    assert.match(cardText(cardOf(update)), /expired/i);
  });
});
