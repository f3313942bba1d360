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

  it('reads each subscription with one filtered pricings call', async () => {
    bot.simulator.clearRequests();
    await bot.send('list', REQUESTER);
    const pricingReads = bot.simulator.requests().filter((request) => request.path.endsWith('/providers/Microsoft.Security/pricings'));
    assert.equal(pricingReads.length, 40);
    assert.ok(pricingReads.every((request) => /name in \(Api,\s*CloudPosture\)/i.test(request.query.$filter ?? '')));
  });

  it('refuses a page number that is not a number', async () => {
    const answer = await bot.click(VERBS.listMore, { page: 'all' }, REQUESTER);
    assert.match(cardText(answer), /cannot accept/);
  });
});
