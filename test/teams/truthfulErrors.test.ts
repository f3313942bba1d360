/**
 * Against the Teams connector fake: once an approval has started the change, nothing the bot says, to the approver or
 * anyone in the conversation, claims that nothing was changed, even when no card can be updated at all. The change
 * goes through, the approver reads that it is being applied, and the cards catch up when Teams takes updates again.
 */
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../src/azure/simulator';
import { VERBS } from '../../src/cards';
import { adaptiveCardOf, cardText, findExecuteAction } from '../support/cardText';
import { eventually } from '../support/eventually';
import type { InvokeAnswer, TeamsConnector } from '../support/teamsConnector';
import { APPROVERS_CHANNEL_ID, showsDone, startTeamsWorld, type TeamsWorld } from './teamsWorld';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;
/** What the bot may say only when the change did not start. */
const UNTRUE_ONCE_STARTED = /nothing (else )?was (changed|done)|something went wrong|did not finish/i;

/** Everything the bot tried to say: every activity it sent or put (refused ones too), and the invoke answers. */
function everythingSaid(teams: TeamsConnector, answers: Array<InvokeAnswer | undefined>): string[] {
  const sent = teams.calls.filter((call) => call.body).map((call) => `${call.body!.text ?? ''}\n${cardText(adaptiveCardOf(call.body))}`);
  const answered = answers.map((answer) => (typeof answer?.value === 'string' ? answer.value : cardText(answer?.value)));
  return [...sent, ...answered];
}

describe('Teams: truthful messages once a change has started', function () {
  this.timeout(120_000);
  let world: TeamsWorld;
  afterEach(() => world?.close());

  it('with every card update failing, the approver reads "applying", Azure is changed, and no one is told nothing was changed', async () => {
    world = await startTeamsWorld({ env: { DEFENDER_APPROVAL_CONVERSATION: APPROVERS_CHANNEL_ID, DEFENDER_WATCH_INTERVAL: 'off' } });
    const { teams, bot, alex, avery, chat, approversChannel } = world;
    const simulator = bot.arm.simulator!;
    await teams.send(avery, approversChannel, 'register approvals channel');
    const { replies } = await teams.send(alex, chat, 'enable "Contoso Prod"');
    const inChat = replies.find((reply) => findExecuteAction(reply.card, VERBS.approve))!;
    await eventually(() => teams.messages(approversChannel).some((message) => findExecuteAction(message.card, VERBS.approve)), 'the copy in the approvers\' channel');
    const inChannel = teams.messages(approversChannel).find((message) => findExecuteAction(message.card, VERBS.approve))!;

    // Teams takes no card update at all, for longer than the bot retries one (the connector's retries, then its own).
    teams.failNext({ method: 'PUT', status: 503, count: Infinity });
    const clicked = await teams.click(avery, chat, inChat.id, VERBS.approve);
    assert.equal(clicked.answer?.type, 'application/vnd.microsoft.card.adaptive', 'Avery gets her own view of the request');
    assert.match(clicked.view.text, /Approved · applying the changes now|Done: the changes are applied/);

    await eventually(() => teams.messages(chat).some((message) => /Your request is done/.test(cardText(message.posted))), 'the requester to be told it is done', 30_000);
    const pricingWrites = simulator.writes().filter((write) => write.method === 'PUT' && write.path.includes(PROD)).map((write) => /pricings\/(\w+)/.exec(write.path)?.[1]);
    assert.deepEqual(pricingWrites.sort(), ['Api', 'CloudPosture'], 'ARM got both writes');
    assert.equal(simulator.state.getPricing(PROD, 'Api').pricingTier, 'Standard');
    const refused = teams.calls.filter((call) => call.kind === 'update' && call.status === 503);
    assert.deepEqual([...new Set(refused.map((call) => call.activityId))].sort(), [inChat.id, inChannel.id].sort(), 'both copies were tried, and refused');
    assert.deepEqual([teams.message(inChat.id)!.updates, teams.message(inChannel.id)!.updates], [[], []], 'no copy could change meanwhile');

    teams.clearFaults();
    await eventually(() => showsDone(teams, inChat.id) && showsDone(teams, inChannel.id), 'every copy to show the outcome once Teams takes updates again', 60_000);
    await bot.background.drain();
    const untrue = everythingSaid(teams, [clicked.answer]).filter((text) => UNTRUE_ONCE_STARTED.test(text));
    assert.deepEqual(untrue, [], 'nothing said claims the change did not happen');
  });

  it('an old client\'s Approve (the Action.Submit fallback) whose answer cannot be posted is not followed by "nothing was changed"', async () => {
    world = await startTeamsWorld({ env: { DEFENDER_WATCH_INTERVAL: 'off' } });
    const { teams, bot, alex, avery, chat } = world;
    const { replies } = await teams.send(alex, chat, 'enable "Contoso Prod"');
    const card = replies.find((reply) => findExecuteAction(reply.card, VERBS.approve))!;
    const fallback = (findExecuteAction(card.card, VERBS.approve) as { fallback?: { type: string; data: unknown } }).fallback!;
    assert.equal(fallback.type, 'Action.Submit');
    const submitted = teams.activities.submit(avery, chat, { messageId: card.id, data: fallback.data });
    // The bot's answer to this click (a reply to it) fails through every retry of the connector client; Teams then recovers.
    teams.failNext({ method: 'POST', pathIncludes: submitted.id, status: 503, count: 4 });
    await teams.deliver(submitted);
    await eventually(() => showsDone(teams, card.id), 'the request card to show the outcome', 30_000);
    await bot.background.drain();
    assert.equal(teams.calls.filter((call) => call.status === 503).length, 4, 'the answer was tried and refused');
    assert.ok(bot.arm.simulator!.writes().some((write) => write.path.includes(`${PROD}/providers/Microsoft.Security/pricings/Api`)), 'the change was applied');
    const untrue = everythingSaid(teams, []).filter((text) => UNTRUE_ONCE_STARTED.test(text));
    assert.deepEqual(untrue, [], 'nothing said claims the change did not happen');
  });
});
