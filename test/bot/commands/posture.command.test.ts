/** `posture <sub>` through the real Application and the simulator: counts, Enable, Onboard, paging, refusals. */
import assert from 'node:assert/strict';
import { DEMO_SEED, DEMO_SUBSCRIPTIONS, type SimulatorSeed } from '../../../src/azure/simulator';
import { POSTURE_PAGE_SIZE, VERBS } from '../../../src/cards';
import { collectActions, findAction, validateAdaptiveCard } from '../../cards/validateCard';
import { actionExecuteActivity } from '../conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, REQUESTER } from '../people';
import { approveDataOf } from '../requestFlow';

const DEV = DEMO_SUBSCRIPTIONS.contosoDev;
const MANY = 'dddddddd-0000-4000-8000-000000000001';
const seed: SimulatorSeed = {
  ...DEMO_SEED,
  subscriptions: [
    ...DEMO_SEED.subscriptions,
    {
      subscriptionId: MANY,
      displayName: 'Many APIs',
      apiManagementServices: [{ resourceGroup: 'rg-many', name: 'many-apim', sku: 'Premium', apis: Array.from({ length: POSTURE_PAGE_SIZE + 3 }, (_, index) => ({
        name: `api-${String(index).padStart(2, '0')}`, displayName: `API ${String(index).padStart(2, '0')}`, onboarded: index % 2 === 0,
      })) }],
    },
  ],
};

describe('posture command', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness({ seed })));
  afterEach(async () => {
    assert.deepEqual(bot.simulator.violations(), []);
    await bot.close();
  });

  it('totals at the top and one row per API Management API with its counts; the API not onboarded has Onboard', async () => {
    const replies = await bot.send('posture "Contoso Dev"', REQUESTER, 'channel');
    assert.equal(replies.length, 1);
    const card = cardOf(replies[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    const text = cardText(card);
    assert.match(text, /API posture · Contoso Dev/);
    assert.match(text, /Defender for APIs and API security posture are on · 2 of 3 APIs onboarded/);
    for (const fact of ['APIs onboarded: 2 of 3', 'Endpoints: 20', 'Unauthenticated: 2', 'Exposed to the internet: 7', 'Inactive (30 days): 3', 'Exposing sensitive data: 1']) {
      assert.ok(text.split('\n').includes(fact), `${fact} in\n${text}`);
    }
    assert.match(text, /Echo API\ncontoso-dev-apim · rg-dev\nOnboarded\n12 endpoints · 2 unauthenticated · 5 exposed to the internet · 3 inactive 30 days · 1 exposing sensitive data · label: Confidential/);
    assert.match(text, /Orders v1\ncontoso-dev-apim · rg-dev\nOnboarded\n8 endpoints · 0 unauthenticated · 2 exposed to the internet · 0 inactive 30 days · 0 exposing sensitive data · label: General/);
    assert.match(text, /Internal Admin API\ncontoso-dev-apim · rg-dev\nNot onboarded/);
    assert.equal(findAction(card, { verb: VERBS.enablePreview }), undefined, 'both plans are on');
    assert.deepEqual(findAction(card, { verb: VERBS.onboardApis })?.data, { subscriptionId: DEV });
  });

  it('says what is missing with Enable where the plans are off, and Enable opens the usual request', async () => {
    const card = cardOf((await bot.send('posture "Contoso Prod"', REQUESTER))[0]);
    const text = cardText(card);
    assert.match(text, /Missing: Defender for APIs is off and API security posture is off\./);
    assert.match(text, /Petstore\ncontoso-apim · rg-contoso-apis\nNot onboarded/);
    const enable = findAction(card, { verb: VERBS.enablePreview });
    assert.deepEqual(enable?.data, { subscriptionId: DEMO_SUBSCRIPTIONS.contosoProd });
    assert.equal(findAction(card, { verb: VERBS.onboardApis })?.title, 'Onboard 3 APIs…');
    const preview = await bot.click(VERBS.enablePreview, enable!.data, REQUESTER);
    assert.match(cardText(preview), /Contoso Prod/);
    assert.equal(bot.simulator.writes().length, 0);
  });

  it('Onboard opens the usual onboarding request; after approval the API shows onboarded with its counts', async () => {
    const onboard = findAction(cardOf((await bot.send('posture "Contoso Dev"', REQUESTER))[0]), { verb: VERBS.onboardApis })!;
    const sent = await bot.process(actionExecuteActivity(VERBS.onboardApis, onboard.data, REQUESTER));
    const answer = (sent.find((activity) => activity.type === 'invokeResponse')!.value as { body: { value: Record<string, unknown> } }).body.value;
    assert.match(cardText(answer), /Onboarding request req\\?_\w+ opened[\s\S]*1 API to onboard/);
    const requestCard = cardOf(sent.find((activity) => activity.type === 'message'));
    assert.deepEqual(validateAdaptiveCard(requestCard), []);
    assert.match(cardText(requestCard), /Onboard API contoso-dev-apim\/internal-admin: Not onboarded → Onboarded/);
    assert.equal(bot.simulator.writes().length, 0, 'nothing is written before approval');

    await bot.click(VERBS.approve, approveDataOf(requestCard), APPROVER);
    await bot.settle();
    const after = cardText(cardOf((await bot.send(`posture ${DEV}`, REQUESTER))[0]));
    assert.match(after, /3 of 3 APIs onboarded/);
    assert.match(after, /Internal Admin API\ncontoso-dev-apim · rg-dev\nOnboarded\n\d+ endpoints/);
  });

  it('pages one row per API with Show more, re-reading the subscription', async () => {
    const first = cardOf((await bot.send('posture "Many APIs"', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(first), []);
    assert.match(cardText(first), new RegExp(`Showing 1–${POSTURE_PAGE_SIZE} of ${POSTURE_PAGE_SIZE + 3}`));
    const more = findAction(first, { verb: VERBS.postureMore })!;
    assert.deepEqual(more.data, { subscriptionId: MANY, page: 2 });
    const second = await bot.click(VERBS.postureMore, more.data, REQUESTER);
    assert.deepEqual(validateAdaptiveCard(second), []);
    const text = cardText(second);
    assert.match(text, new RegExp(`Showing ${POSTURE_PAGE_SIZE + 1}–${POSTURE_PAGE_SIZE + 3} of ${POSTURE_PAGE_SIZE + 3}`));
    assert.match(text, /API 14/);
    assert.deepEqual(collectActions(second).map((action) => action.verb), [VERBS.enablePreview, VERBS.onboardApis]);
  });

  it('says what to do when Microsoft.Security is not registered, the name matches nothing, or none is given', async () => {
    const legacy = cardOf((await bot.send('posture "Legacy Billing"', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(legacy), []);
    assert.match(cardText(legacy), /Microsoft\.Security is not registered[\s\S]*Could not read the API posture of Legacy Billing[\s\S]*az provider register --namespace Microsoft\.Security --subscription 9e07d5b2/);
    assert.match(cardText(cardOf((await bot.send('posture "Tailspin"', REQUESTER))[0])), /Subscription not found[\s\S]*Tailspin/);
    assert.match(cardText(cardOf((await bot.send('posture', REQUESTER))[0])), /which subscription\?[\s\S]*posture <subscription>/i);
  });

  it('refuses tampered Show more and Onboard data before any ARM call', async () => {
    for (const [verb, data] of [[VERBS.postureMore, { subscriptionId: '../../x', page: 2 }], [VERBS.postureMore, { subscriptionId: DEV, page: 0 }], [VERBS.onboardApis, { subscriptionId: DEV, approver: 'me' }]] as const) {
      const before = bot.simulator.requests().length;
      const answer = await bot.click(verb, data, REQUESTER);
      assert.match(cardText(answer), /cannot accept/);
      assert.equal(bot.simulator.requests().length, before, `${verb}: no ARM call`);
    }
  });
});
