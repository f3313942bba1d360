import assert from 'node:assert/strict';
import { VERBS } from '../../../src/cards';
import { generateFleetSeed } from '../../../src/azure/simulator';
import { findAction, validateAdaptiveCard } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { REQUESTER } from '../people';

describe('list command', () => {
  let bot: BotHarness;
  before(async () => (bot = await createBotHarness({ seed: generateFleetSeed(40) })));
  after(() => bot.close());

  it('shows one row per subscription, paged, with Show more', async () => {
    const replies = await bot.send('list', REQUESTER, 'channel');
    assert.equal(replies.length, 1);
    const card = cardOf(replies[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.match(cardText(card), /1.15 of 40/);
    const more = findAction(card, { verb: VERBS.listMore });
    assert.deepEqual(more?.data, { page: 2 });

    const page2 = await bot.click(VERBS.listMore, more!.data, REQUESTER);
    assert.deepEqual(validateAdaptiveCard(page2), []);
    assert.match(cardText(page2), /16.30 of 40/);
  });

  it('reads the whole fleet with one Resource Graph query and says it may lag', async () => {
    bot.simulator.clearRequests();
    const [reply] = await bot.send('list', REQUESTER);
    assert.deepEqual(bot.simulator.requests().map((request) => `${request.method} ${request.path}`), ['POST /providers/Microsoft.ResourceGraph/resources']);
    assert.match(cardText(cardOf(reply)), /As of Resource Graph; may lag up to a minute/);
  });

  it('refuses a page number that is not a number', async () => {
    const answer = await bot.click(VERBS.listMore, { page: 'all' }, REQUESTER);
    assert.match(cardText(answer), /cannot accept/);
  });
});
