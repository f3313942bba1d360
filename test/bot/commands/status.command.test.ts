import assert from 'node:assert/strict';
import { VERBS } from '../../../src/cards';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { findAction, validateAdaptiveCard } from '../../cards/validateCard';
import { CONVERSATION_KINDS } from '../conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { REQUESTER } from '../people';

describe('status command', () => {
  let bot: BotHarness;
  before(async () => (bot = await createBotHarness()));
  after(() => bot.close());

  for (const kind of CONVERSATION_KINDS) {
    it(`shows both settings, the API Management prerequisite and an Enable action (${kind})`, async () => {
      const [reply, ...rest] = await bot.send('status sub "Contoso Prod"', REQUESTER, kind);
      assert.equal(rest.length, 0);
      const card = cardOf(reply);
      assert.deepEqual(validateAdaptiveCard(card), []);
      const text = cardText(card);
      assert.match(text, /Contoso Prod/);
      assert.match(text, /Defender for APIs/);
      assert.match(text, /API security posture/i);
      assert.match(text, /API Management/);
      const enable = findAction(card, { verb: VERBS.enablePreview });
      assert.deepEqual(enable?.data, { subscriptionId: DEMO_SUBSCRIPTIONS.contosoProd });
    });
  }

  it('finds a subscription by GUID and by a name in any case, without quotes', async () => {
    const byId = cardText(cardOf((await bot.send(`status ${DEMO_SUBSCRIPTIONS.contosoDev}`, REQUESTER))[0]));
    const byName = cardText(cardOf((await bot.send('STATUS contoso dev', REQUESTER))[0]));
    assert.match(byId, /Contoso Dev/);
    assert.equal(byId, byName);
  });

  it('offers no Enable action when both settings are on', async () => {
    const card = cardOf((await bot.send('status "Contoso Dev"', REQUESTER))[0]);
    assert.equal(findAction(card, { verb: VERBS.enablePreview }), undefined);
  });

  it('warns plainly when the provider is not registered or the bot may not write pricings', async () => {
    const legacy = cardText(cardOf((await bot.send('status "Legacy Billing"', REQUESTER))[0]));
    assert.match(legacy, /not registered/i);
    assert.match(legacy, /az provider register --namespace Microsoft\.Security/);
    const northwind = cardText(cardOf((await bot.send('status "Northwind Analytics"', REQUESTER))[0]));
    assert.match(northwind, /Security Admin/);
  });

  it('names what was searched, and what the bot can see, for an unknown subscription', async () => {
    const card = cardOf((await bot.send('status "Tailspin"', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    const text = cardText(card);
    assert.match(text, /Subscription not found/);
    assert.match(text, /Tailspin/);
    assert.match(text, /Contoso Prod/);
  });

  it('lists the candidates of an ambiguous name, each with a Status button', async () => {
    const card = cardOf((await bot.send('status contoso', REQUESTER))[0]);
    assert.match(cardText(card), /matches 2 subscriptions/);
    const choice = findAction(card, { verb: VERBS.status });
    assert.ok(choice);
    const answer = await bot.click(VERBS.status, choice.data, REQUESTER);
    assert.match(cardText(answer), /Contoso/);
  });

  it('asks which subscription when none is given', async () => {
    const text = cardText(cardOf((await bot.send('status', REQUESTER))[0]));
    assert.match(text, /which subscription/i);
    assert.match(text, /status <subscription>/);
  });
});
