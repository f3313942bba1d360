import assert from 'node:assert/strict';
import { VERBS } from '../../../src/cards';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { actionSubmitActivity, messageActivity } from '../conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { REQUESTER } from '../people';

describe('unknown commands and card actions', () => {
  let bot: BotHarness;
  before(async () => (bot = await createBotHarness({ guardrails: { allowedTenants: ['eeeeeeee-0000-4000-8000-000000000000'] } })));
  after(() => bot.close());

  it('suggests the closest command and points to help', async () => {
    const card = cardOf((await bot.send('stauts "Contoso Prod"', REQUESTER, 'channel'))[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.match(cardText(card), /Did you mean `status <subscription>`\?/);
    assert.match(cardText(card), /help/);
  });

  it('answers chatter without a suggestion', async () => {
    const text = cardText(cardOf((await bot.send('good morning', REQUESTER))[0]));
    assert.match(text, /I don't know that command/);
    assert.match(text, /I answer to help, status, posture, alerts, list, enable, requests, history, revert, onboard and register\./);
    assert.doesNotMatch(text, /Did you mean/);
  });

  it('refuses an unknown verb with a clear card', async () => {
    const answer = await bot.click('defender.deleteEverything', {}, REQUESTER);
    assert.match(cardText(answer), /"defender.deleteEverything" is not an action this bot knows/);
  });

  it('handles the Action.Submit fallback of older clients, with the same validation', async () => {
    const replies = await bot.process(actionSubmitActivity({ verb: VERBS.status, subscriptionId: 'not-a-guid' }, REQUESTER));
    assert.match(cardText(cardOf(replies[0])), /subscriptionId/);
    const unknown = await bot.process(actionSubmitActivity({ something: 1 }, REQUESTER));
    assert.match(cardText(cardOf(unknown[0])), /names no verb/);
  });

  it('drops an activity from another tenant without a reply', async () => {
    const foreign = messageActivity('help', REQUESTER);
    foreign.channelData = { tenant: { id: 'ffffffff-0000-4000-8000-000000000000' } };
    foreign.conversation = { ...foreign.conversation!, tenantId: 'ffffffff-0000-4000-8000-000000000000' };
    assert.deepEqual(await bot.process(foreign), []);
  });
});
