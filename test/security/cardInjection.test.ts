/**
 * Threat: injection through a subscription name. Whoever may rename a subscription (or a Teams display name)
 * writes text that lands on cards approvers trust: a markdown link "Approve here", template syntax, fake lines.
 * Untrusted text is escaped for TextBlocks and bound as data (never re-expanded as a template).
 */
import assert from 'node:assert/strict';
import { DEMO_SEED, type SimulatorSeed } from '../../src/azure/simulator';
import { VERBS } from '../../src/cards';
import { BotHarness, cardOf, cardText, createBotHarness } from '../bot/harness';
import { APPROVER, REQUESTER } from '../bot/people';
import { approveDataOf, pricingPuts } from '../bot/requestFlow';
import { validateAdaptiveCard } from '../cards/validateCard';

const EVIL_ID = 'dddddddd-0000-4000-8000-00000000e711';
const EVIL_NAME = 'Evil [Approve here](https://evil.example/phish) **${requester.name}** ${$root} <at>admin</at>\n# Approved';

const seed: SimulatorSeed = {
  ...DEMO_SEED,
  subscriptions: [...DEMO_SEED.subscriptions, { subscriptionId: EVIL_ID, displayName: EVIL_NAME, registeredProviders: ['Microsoft.Security'], pricings: [{ name: 'Api', pricingTier: 'Free' }] }],
};

/** True when the text holds a markdown link or emphasis that a TextBlock would render. */
function rendersMarkup(text: string): boolean {
  return /(?<!\\)\[[^\]]*(?<!\\)\]\(/.test(text) || /(?<!\\)\*\*/.test(text) || /^#/m.test(text);
}

describe('security: injection through a subscription name', () => {
  let bot: BotHarness;
  before(async () => (bot = await createBotHarness({ seed })));
  after(() => bot.close());

  it('threat: a markdown/template subscription name shows literally on the status card', async () => {
    const card = cardOf((await bot.send(`status ${EVIL_ID}`, REQUESTER))[0]);
    const text = cardText(card);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.match(text, /Approve here/);
    assert.ok(!rendersMarkup(text), `markup would render: ${text}`);
    assert.ok(text.includes('${requester.name}') && text.includes('${$root}'), 'template syntax stayed literal text');
    assert.ok(!text.includes(REQUESTER.name), 'no template expression was evaluated');
  });

  it('threat: the same name on the preview and on the request card approvers act on renders no link and no fake heading', async () => {
    const replies = await bot.send(`enable ${EVIL_ID}`, REQUESTER);
    assert.equal(replies.length, 2);
    for (const reply of replies) {
      const text = cardText(cardOf(reply));
      assert.match(text, /Approve here/);
      assert.ok(!rendersMarkup(text), `markup would render: ${text}`);
    }
    // The request's buttons still carry only ids and the hash: the name cannot smuggle card data.
    assert.deepEqual(Object.keys(approveDataOf(cardOf(replies[1]))).sort(), ['planHash', 'requestId']);
    const answer = await bot.click(VERBS.approve, approveDataOf(cardOf(replies[1])), APPROVER);
    assert.ok(!rendersMarkup(cardText(answer)));
    await bot.settle();
    assert.ok(pricingPuts(bot).every((put) => put.includes(`/subscriptions/${EVIL_ID}/`)), 'writes went only to the GUID, not to anything in the name');
  });
});
