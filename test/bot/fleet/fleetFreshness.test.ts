/**
 * `list` through the real Application: from Resource Graph, saying it may lag; the bot's own approval shows at once
 * although Graph lags; and when Graph is unavailable, each subscription is read directly and the card says so.
 */
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, REQUESTER } from '../people';
import { openRequest } from '../requestFlow';

/** The Defender for APIs and posture cells of one subscription's row on the fleet card. */
function rowCells(card: Record<string, unknown>, name: string): [string, string] {
  const lines = cardText(card).split('\n');
  const at = lines.indexOf(name);
  assert.ok(at >= 0, `no row for ${name}`);
  return [lines[at + 1], lines[at + 2]];
}

describe('list: freshness and fallback', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it('right after an approval shows the new state, although Resource Graph lags a minute behind', async () => {
    bot.simulator.setFaults({ graphLagMs: 60_000 });
    const before = cardOf((await bot.send('list', REQUESTER))[0]);
    assert.deepEqual(rowCells(before, 'Contoso Prod'), ['Off', 'Off']);
    const { approveData } = await openRequest(bot, '"Contoso Prod"');
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();

    const after = cardOf((await bot.send('list', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(after), []);
    assert.deepEqual(rowCells(after, 'Contoso Prod'), ['On P1', 'On']);
    assert.match(cardText(after), /As of Resource Graph; may lag up to a minute/);
  });

  it('when Resource Graph is unavailable, reads each subscription directly and says so on the card', async () => {
    bot.simulator.setFaults({ graphUnavailable: true });
    const card = cardOf((await bot.send('list', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.match(cardText(card), /Resource Graph unavailable: read each subscription directly \(Azure Resource Graph did not answer \(HTTP 503\)\)/);
    assert.match(cardText(card), /6 subscriptions: 1 covered · 0 partly covered · 4 off · 1 could not be read/);
    const pricingReads = bot.simulator.requests().filter((request) => request.path.endsWith('/providers/Microsoft.Security/pricings'));
    assert.equal(pricingReads.length, 6);
  });

  it('status of one subscription stays on ARM, whatever Resource Graph says', async () => {
    bot.simulator.setFaults({ graphLagMs: 60_000 });
    await bot.send('list', REQUESTER);
    // Someone turns it on in the portal just now.
    bot.simulator.state.setPricing(DEMO_SUBSCRIPTIONS.contosoProd, { name: 'Api', pricingTier: 'Standard', subPlan: 'P5' });
    bot.simulator.clearRequests();
    const status = cardText(cardOf((await bot.send('status "Contoso Prod"', REQUESTER))[0]));
    assert.match(status, /P5/);
    assert.ok(!bot.simulator.requests().some((request) => request.path.includes('ResourceGraph')), 'no Resource Graph query for a status');
  });
});
