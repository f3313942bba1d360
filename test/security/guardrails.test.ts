/**
 * Threats: a user of another tenant (a guest tenant, or a tenant that installed the multi-tenant bot) acting on
 * our requests; and changes made from a chat nobody watches. DEFENDER_ALLOWED_TENANTS drops the first before any
 * handler; DEFENDER_ALLOWED_CONVERSATIONS confines enable and every approval action to the chosen channels.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { VERBS } from '../../src/cards';
import { DEMO_SUBSCRIPTIONS } from '../../src/azure/simulator';
import { actionExecuteActivity, CHANNEL_ID, messageActivity } from '../bot/conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../bot/harness';
import { APPROVER, BYSTANDER, REQUESTER, TENANT_ID } from '../bot/people';
import { openRequest, pricingPuts, type OpenedRequest } from '../bot/requestFlow';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;
const OTHER_TENANT = 'ffffffff-0000-4000-8000-000000000000';

function fromTenant(activity: Partial<Activity>, tenantId: string | undefined): Partial<Activity> {
  const channelData = { ...(activity.channelData as object), tenant: tenantId ? { id: tenantId } : undefined };
  return { ...activity, channelData, conversation: { ...activity.conversation!, tenantId } };
}

describe('security: tenant guardrail (DEFENDER_ALLOWED_TENANTS)', () => {
  let bot: BotHarness;
  let request: OpenedRequest;
  beforeEach(async () => {
    bot = await createBotHarness({ guardrails: { allowedTenants: [TENANT_ID] } });
    request = await openRequest(bot);
  });
  afterEach(() => bot.close());

  const foreignAttempts: Array<{ name: string; activity: (request: OpenedRequest) => Partial<Activity> }> = [
    { name: 'an approval', activity: (request) => actionExecuteActivity(VERBS.approve, request.approveData, APPROVER) },
    { name: 'a rejection', activity: (request) => actionExecuteActivity(VERBS.reject, { ...request.approveData, reason: 'x' }, APPROVER) },
    { name: 'a cancellation', activity: (request) => actionExecuteActivity(VERBS.cancel, { requestId: request.requestId }, REQUESTER) },
    { name: 'an Enable click', activity: () => actionExecuteActivity(VERBS.enablePreview, { subscriptionId: PROD }, BYSTANDER) },
    { name: 'a refresh (reads the request)', activity: (request) => actionExecuteActivity(VERBS.refreshRequest, { requestId: request.requestId }, BYSTANDER) },
    { name: 'an `enable` message', activity: () => messageActivity('enable "Contoso Dev"', BYSTANDER) },
    { name: 'a `status` message', activity: () => messageActivity('status "Contoso Prod"', BYSTANDER) },
    { name: 'an Onboard click', activity: () => actionExecuteActivity(VERBS.onboardApis, { subscriptionId: PROD }, BYSTANDER) },
    { name: 'an `alerts` message', activity: () => messageActivity('alerts', BYSTANDER) },
  ];

  for (const attempt of foreignAttempts) {
    for (const tenant of [OTHER_TENANT, undefined]) {
      const from = tenant ? 'another tenant' : 'no tenant at all';
      it(`threat: ${attempt.name} from ${from} runs no handler, gets no reply and writes nothing`, async () => {
        const armCallsBefore = bot.simulator.requests().length;
        const sent = await bot.process(fromTenant(attempt.activity(request), tenant));
        await bot.settle();
        assert.deepEqual(sent, [], 'no reply and no invoke response');
        assert.equal(bot.simulator.requests().length, armCallsBefore, 'no ARM call at all');
        assert.deepEqual(pricingPuts(bot), []);
        assert.equal((await bot.deps.approvals.get(request.requestId))?.status, 'pending');
      });
    }
  }

  it('lets the same approval through from the allowed tenant (the guard is not a blanket refusal)', async () => {
    await bot.click(VERBS.approve, request.approveData, APPROVER);
    await bot.settle();
    assert.equal(pricingPuts(bot).length, 2);
  });
});

describe('security: conversation guardrail (DEFENDER_ALLOWED_CONVERSATIONS)', () => {
  let bot: BotHarness;
  let request: OpenedRequest;
  beforeEach(async () => {
    bot = await createBotHarness({ guardrails: { allowedConversations: [CHANNEL_ID] } });
    request = await openRequest(bot, '"Contoso Prod"', REQUESTER, 'channel');
  });
  afterEach(() => bot.close());

  const changesFromAPersonalChat: Array<{ name: string; act: (bot: BotHarness, request: OpenedRequest) => Promise<unknown> }> = [
    { name: 'approve', act: (bot, request) => bot.click(VERBS.approve, request.approveData, APPROVER) },
    { name: 'reject', act: (bot, request) => bot.click(VERBS.reject, { ...request.approveData, reason: 'no' }, APPROVER) },
    { name: 'cancel', act: (bot, request) => bot.click(VERBS.cancel, { requestId: request.requestId }, REQUESTER) },
    { name: 'retry', act: (bot, request) => bot.click(VERBS.retry, { requestId: request.requestId }, APPROVER) },
    { name: 'the Enable button', act: (bot) => bot.click(VERBS.enablePreview, { subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev }, REQUESTER) },
    { name: 'the Onboard button', act: (bot) => bot.click(VERBS.onboardApis, { subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev }, REQUESTER) },
    { name: '`enable`', act: async (bot) => cardOf((await bot.send('enable "Contoso Dev"', REQUESTER))[0]) },
  ];

  for (const change of changesFromAPersonalChat) {
    it(`threat: ${change.name} from a conversation that is not allowed is refused and changes nothing`, async () => {
      const answer = await change.act(bot, request);
      await bot.settle();
      assert.match(cardText(answer), /Not in this conversation/);
      assert.deepEqual(pricingPuts(bot), []);
      assert.equal((await bot.deps.approvals.get(request.requestId))?.status, 'pending');
      assert.equal((await bot.deps.approvals.listActionable(APPROVER_PERSON)).length, 1, 'no second request was opened');
    });
  }

  it('status, posture, alerts, list and refresh still work everywhere', async () => {
    assert.match(cardText(cardOf((await bot.send('status "Contoso Prod"', BYSTANDER))[0])), /Defender status/);
    assert.match(cardText(cardOf((await bot.send('posture "Contoso Dev"', BYSTANDER))[0])), /API posture/);
    assert.match(cardText(cardOf((await bot.send('alerts "Contoso Dev"', BYSTANDER))[0])), /Defender for APIs alerts/);
    assert.match(cardText(await bot.click(VERBS.status, { subscriptionId: PROD }, BYSTANDER)), /Defender status/);
    assert.match(cardText(cardOf((await bot.send('list', BYSTANDER))[0])), /Contoso Dev/);
    assert.match(cardText(await bot.click(VERBS.refreshRequest, { requestId: request.requestId }, BYSTANDER)), /Contoso Prod/);
  });

  it('approves in the allowed channel (the guard is not a blanket refusal)', async () => {
    await bot.click(VERBS.approve, request.approveData, APPROVER, 'channel');
    await bot.settle();
    assert.equal(pricingPuts(bot).length, 2);
  });
});

/** An approver as the approval service knows them: every open request is actionable to them. */
const APPROVER_PERSON = { id: APPROVER.aadObjectId!, name: APPROVER.name };
