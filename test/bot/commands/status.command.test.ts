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

  it('gains one line: the open Defender for APIs alerts by severity', async () => {
    const card = cardOf((await bot.send('status "Contoso Dev"', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.match(cardText(card), /Open API alerts \(7 days\)\n2 Medium · 1 Low\nType `alerts <sub>` to see them\./);
    assert.match(cardText(cardOf((await bot.send('status "Contoso Prod"', REQUESTER))[0])), /Open API alerts \(7 days\)\nNone/, 'its VM_ alert is not one');
  });

  it('a failure to read alerts does not fail status: the line says why (403, 503 after retries, not registered)', async () => {
    const forbidden = "The client 'x' with object id '0f6a5b1c-3d2e-4f70-9a8b-7c6d5e4f3a21' does not have authorization to perform action 'Microsoft.Security/alerts/read' over scope '/subscriptions/x'.";
    bot.simulator.failNext({ method: 'GET', pathIncludes: '/Microsoft.Security/alerts', status: 403, code: 'AuthorizationFailed', message: forbidden });
    const denied = cardText(cardOf((await bot.send('status "Contoso Dev"', REQUESTER))[0]));
    assert.match(denied, /Defender for APIs\nOn · P2/, 'the rest of the status is there');
    assert.match(denied, /Open API alerts \(7 days\)\nUnavailable\nalerts unavailable: AuthorizationFailed: .*Microsoft\.Security\/alerts\/read.*--role "Security Reader"/);
    // The SDK's retry policy tries 4 times in all; every try fails.
    bot.simulator.failNext({ method: 'GET', pathIncludes: '/Microsoft.Security/alerts', status: 503, count: 4 });
    const down = cardText(cardOf((await bot.send('status "Contoso Dev"', REQUESTER))[0]));
    assert.match(down, /Open API alerts \(7 days\)\nUnavailable\nalerts unavailable: ArmUnavailable: /);
    const legacy = cardText(cardOf((await bot.send('status "Legacy Billing"', REQUESTER))[0]));
    assert.match(legacy, /alerts unavailable: MissingSubscriptionRegistration/);
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
