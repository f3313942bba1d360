/**
 * threat: a subscription named to be taken for another. A GUID typed by the user always means that subscription,
 * even when another subscription's display name IS that GUID; cards show the GUID beside the name; and a name that
 * differs from another visible one only by confusable characters or whitespace gets a warning on the preview and
 * on the request card approvers act on.
 */
import assert from 'node:assert/strict';
import { DEMO_SEED, DEMO_SUBSCRIPTIONS, type SimulatorSeed } from '../../src/azure/simulator';
import { cardOf, cardText, createBotHarness, type BotHarness } from '../bot/harness';
import { REQUESTER } from '../bot/people';
import { approveDataOf } from '../bot/requestFlow';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;
const IMPOSTOR = 'bad0bad0-0000-4000-8000-000000000001';
const NAMED_LIKE_A_GUID = 'bad0bad0-0000-4000-8000-000000000002';

function seed(): SimulatorSeed {
  const base = structuredClone(DEMO_SEED);
  base.subscriptions.push(
    { subscriptionId: IMPOSTOR, displayName: 'Cοntoso  Prod', pricings: [] }, // Greek omicron, two spaces
    { subscriptionId: NAMED_LIKE_A_GUID, displayName: DEMO_SUBSCRIPTIONS.fabrikamSandbox, pricings: [] },
  );
  return base;
}

describe('security: names that look alike', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness({ seed: seed() })));
  afterEach(() => bot.close());

  it('threat: a subscription named like another one\'s GUID: the GUID still means the subscription with that id', async () => {
    const replies = await bot.send(`enable ${DEMO_SUBSCRIPTIONS.fabrikamSandbox}`, REQUESTER);
    const request = await bot.deps.approvals.get(approveDataOf(cardOf(replies[1])).requestId);
    assert.equal(request?.plan.targets[0].subscriptionId, DEMO_SUBSCRIPTIONS.fabrikamSandbox);
    assert.equal(request?.plan.targets[0].subscriptionName, 'Fabrikam Sandbox');
  });

  it('threat: a name that differs only by a confusable letter and a space gets a warning naming both ids on the preview and the request card', async () => {
    const replies = await bot.send(`enable ${IMPOSTOR}`, REQUESTER);
    assert.equal(replies.length, 2);
    for (const card of [cardOf(replies[0]), cardOf(replies[1])]) {
      const text = cardText(card);
      assert.match(text, new RegExp(`Look-alike name: “Cοntoso Prod” \\(${IMPOSTOR}\\) looks like “Contoso Prod” \\(${PROD}\\)`));
      assert.match(text, new RegExp(IMPOSTOR), 'the GUID is beside the name');
    }
    const genuine = await bot.send('enable "Contoso Prod"', REQUESTER);
    assert.match(cardText(cardOf(genuine[1])), new RegExp(`looks like “Cοntoso Prod” \\(${IMPOSTOR}\\)`), 'the genuine one warns too');
    const unrelated = await bot.send('enable "Woodgrove Payments"', REQUESTER);
    assert.doesNotMatch(cardText(cardOf(unrelated[1])), /Look-alike/);
  });

  it('a request card with several subscriptions shows each one\'s GUID beside its name', async () => {
    const replies = await bot.send('enable "Contoso Prod", "Woodgrove Payments"', REQUESTER);
    const text = cardText(cardOf(replies[1]));
    assert.match(text, new RegExp(`Contoso Prod \\(${PROD}\\)`));
    assert.match(text, new RegExp(`Woodgrove Payments \\(${DEMO_SUBSCRIPTIONS.woodgrovePayments}\\)`));
    assert.match(text, /Look-alike name: “Contoso Prod”/);
  });
});
