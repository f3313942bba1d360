/**
 * A click is answered to the person who clicked, by us, never by teams-ai: one viewer's answer (their refreshed view,
 * a refusal) never replaces the shared card; the shared card changes only when the request does. A slow click is
 * answered "still working" in time and its card follows.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';
import { STILL_WORKING_TEXT } from '../../../src/bot/actionRoute';
import { findAction } from '../../cards/validateCard';
import { actionExecuteActivity } from '../conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, BYSTANDER, REQUESTER, type TeamsUser } from '../people';
import { openRequest } from '../requestFlow';

/** What Teams sends when a client opens a card whose refresh lists the user. */
async function automaticRefresh(bot: BotHarness, requestId: string, user: TeamsUser) {
  const activity = actionExecuteActivity(VERBS.refreshRequest, { requestId }, user);
  (activity.value as { trigger: string }).trigger = 'automatic';
  const sent = await bot.process(activity);
  const response = sent.find((candidate) => candidate.type === 'invokeResponse') as Partial<Activity>;
  return (response.value as { body: { value: Record<string, unknown> } }).body.value;
}

describe('card invokes are answered to the person who clicked', () => {
  let bot: BotHarness;
  afterEach(() => bot.close());

  it('refreshes and refusals are for the viewer only: the shared card is never replaced by them', async () => {
    bot = await createBotHarness();
    const { requestId, approveData } = await openRequest(bot);
    await bot.settle();
    const sharedUpdatesBefore = bot.adapter.updates.length;

    const requesterView = await automaticRefresh(bot, requestId, REQUESTER);
    assert.ok(findAction(requesterView, { verb: VERBS.cancel }));
    assert.equal(findAction(requesterView, { verb: VERBS.approve }), undefined, 'the requester\'s own view');
    const observerView = await automaticRefresh(bot, requestId, BYSTANDER);
    assert.equal(findAction(observerView, { verb: VERBS.approve }), undefined);
    const refused = await bot.click(VERBS.approve, approveData, BYSTANDER);
    assert.match(cardText(refused), /You are not on the approver list/);
    assert.match(cardText(refused), /Waiting for approval/, 'the refusal sits on the viewer\'s own view');
    await bot.settle();
    assert.equal(bot.adapter.updates.length, sharedUpdatesBefore, 'no viewer\'s answer was written over the shared message');

    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    assert.ok(bot.adapter.updates.length > sharedUpdatesBefore, 'a change of state does update the shared card');
    assert.match(cardText(cardOf(bot.adapter.updates.at(-1))), /Done/);
  });

  it('a click that takes longer than its budget is answered "still working" at once, and its card follows', async () => {
    bot = await createBotHarness({ invokeAnswerBudgetMs: 100 });
    const reads = bot.simulator.hold({ method: 'GET', pathIncludes: '/pricings' });
    const answer = (await bot.click(VERBS.status, { subscriptionId: DEMO_SUBSCRIPTIONS.contosoProd }, REQUESTER)) as unknown;
    assert.equal(answer, STILL_WORKING_TEXT, 'a text answer: the card clicked stays as it is');
    const sentBefore = bot.adapter.sent.length;
    reads.stop();
    await bot.settle();
    const followUp = bot.adapter.sent.slice(sentBefore).find((activity) => activity.type === 'message');
    assert.match(cardText(cardOf(followUp)), /Defender status · Contoso Prod/);
  });
});
