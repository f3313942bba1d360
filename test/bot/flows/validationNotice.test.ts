/**
 * After a successful enable or onboard, the requester's notice says whether monitoring works: APIs onboarded n of m,
 * posture data present or coming, open API alerts. What cannot be read is said to be unreadable; the result stands.
 */
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, REQUESTER } from '../people';
import { approveDataOf, openRequest } from '../requestFlow';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

describe('validation summary after a successful enable or onboard', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  const lastNotice = () => cardText(cardOf(bot.adapter.sent.filter((activity) => /Your request/.test(JSON.stringify(activity))).at(-1)));

  it('after enable: none of the APIs onboarded yet, so no posture data; no open alerts', async () => {
    const { approveData } = await openRequest(bot);
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    assert.match(lastNotice(), /Your request is done[\s\S]*Validation: Contoso Prod: APIs onboarded 0 of 3 \(the onboard command asks for it\), so no posture data yet; no open API alerts\./);
  });

  it('after onboard: every API onboarded, posture data present, and the open alerts by severity', async () => {
    const replies = await bot.send('onboard "Contoso Dev"', REQUESTER);
    await bot.click(VERBS.approve, approveDataOf(cardOf(replies[1])), APPROVER);
    await bot.settle();
    assert.equal((await bot.deps.approvals.get(approveDataOf(cardOf(replies[1])).requestId))?.status, 'succeeded');
    assert.match(lastNotice(), /The APIs are onboarded[\s\S]*Validation: Contoso Dev: APIs onboarded 3 of 3, posture data present; open API alerts: 2 Medium, 1 Low\./);
  });

  it('after onboarding the first APIs: posture data appears within hours (Defender has none for them yet)', async () => {
    const replies = await bot.send('onboard "Contoso Prod"', REQUESTER);
    await bot.click(VERBS.approve, approveDataOf(cardOf(replies[1])), APPROVER);
    await bot.settle();
    assert.match(lastNotice(), /Validation: Contoso Prod: APIs onboarded 3 of 3, posture data appears within hours of onboarding; no open API alerts\./);
  });

  it('says what could not be read, and the request is still done', async () => {
    const { approveData } = await openRequest(bot);
    bot.simulator.state.alerts.setCanRead(PROD, false);
    bot.simulator.failNext({ method: 'GET', pathIncludes: '/providers/Microsoft.Security/apiCollections', status: 403, code: 'AuthorizationFailed', message: 'no' });
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    assert.equal((await bot.deps.approvals.get(approveData.requestId))?.status, 'succeeded');
    assert.match(lastNotice(), /Your request is done[\s\S]*Contoso Prod: APIs and posture could not be read \(AuthorizationFailed\); alerts could not be read \(AuthorizationFailed\)\./);
  });
});
