/**
 * Against the Teams connector fake: card updates reach every copy through Teams' throttling, never race each other
 * into 412s, and an activity Teams redelivers because the bot answered slowly is acted on once.
 */
import assert from 'node:assert/strict';
import { VERBS } from '../../src/cards';
import { findExecuteAction } from '../support/cardText';
import { eventuallyValue } from '../support/eventually';
import { APPROVERS_CHANNEL_ID, showsDone, startTeamsWorld, type TeamsWorld } from './teamsWorld';

/** As patient as this file's own poller was: 20 s, every 50 ms. */
const PATIENCE = { timeoutInMs: 20_000, intervalInMs: 50 };

describe('Teams: delivery under throttling and redelivery', function () {
  this.timeout(90_000);
  let world: TeamsWorld;
  afterEach(() => world?.close());

  it('every copy of the card (the requester\'s chat and the approvers\' channel) ends up showing the outcome, through 429s', async () => {
    world = await startTeamsWorld({
      connector: { rateLimits: { windows: [{ operations: 2, windowInMs: 1000 }], retryAfterSeconds: 1 } },
      env: { DEFENDER_APPROVAL_CONVERSATION: APPROVERS_CHANNEL_ID },
    });
    const { teams, alex, avery, chat, approversChannel } = world;
    await teams.send(avery, approversChannel, 'register approvals channel');
    const { replies } = await teams.send(alex, chat, 'enable "Contoso Prod"');
    const inChat = replies.find((reply) => findExecuteAction(reply.card, VERBS.approve))!;
    const inChannel = await eventuallyValue(() => teams.messages(approversChannel).find((message) => findExecuteAction(message.card, VERBS.approve)), 'the copy in the approvers\' channel', PATIENCE);
    await teams.click(avery, approversChannel, inChannel.id, VERBS.approve);
    for (const copy of [inChat, inChannel]) {
      await eventuallyValue(() => (showsDone(teams, copy.id) ? true : undefined), `copy ${copy.id} to show the outcome`, PATIENCE);
    }
    assert.ok(teams.calls.some((call) => call.status === 429), 'Teams did throttle the bot on the way');
    assert.deepEqual(teams.calls.filter((call) => call.status === 412), [], 'updates of one message never raced each other');
  });

  it('an activity redelivered because the first answer was slow produces no second reply and no second request', async () => {
    world = await startTeamsWorld({ connector: { redeliverAfterMs: 300 } });
    const { teams, alex, chat } = world;
    world.bot.arm.simulator!.setFaults({ latencyMs: 600 });
    const turn = await teams.send(alex, chat, 'enable "Contoso Prod"');
    await world.bot.background.drain();
    assert.equal(turn.deliveries.length, 2, 'Teams delivered it twice');
    const posted = teams.messages(chat);
    assert.equal(posted.filter((message) => /Enable Defender for APIs · Contoso Prod/.test(JSON.stringify(message.posted))).length, 2, 'one preview and one request card');
    assert.equal(posted.filter((message) => findExecuteAction(message.card, VERBS.approve)).length, 1, 'one request');
  });

  it('after an outage of card updates, the sweeper brings the card up to date', async () => {
    world = await startTeamsWorld();
    const { teams, alex, avery, chat } = world;
    const { replies } = await teams.send(alex, chat, 'enable "Contoso Prod"');
    const card = replies.find((reply) => findExecuteAction(reply.card, VERBS.approve))!;
    // Teams throttles every update for a while, longer than the bot retries one update (3 attempts of up to 4 calls).
    teams.failNext({ method: 'PUT', status: 429, retryAfterSeconds: 0, count: 14 });
    await teams.click(avery, chat, card.id, VERBS.approve);
    await eventuallyValue(() => (showsDone(teams, card.id) ? true : undefined), 'the card to show the outcome once Teams is back', { ...PATIENCE, timeoutInMs: 60_000 });
    assert.equal(teams.calls.filter((call) => call.method === 'PUT' && call.status === 429).length, 14, 'updates did fail for a while');
  });

  it('a click that needs slow Azure reads is answered at once, and its card follows as a new message', async () => {
    world = await startTeamsWorld();
    const { teams, alex, chat } = world;
    const { replies } = await teams.send(alex, chat, 'status Contoso');
    const choices = replies.find((reply) => findExecuteAction(reply.card, VERBS.status))!;
    world.bot.arm.simulator!.setFaults({ latencyMs: 4000 });
    const clicked = await teams.click(alex, chat, choices.id, VERBS.status);
    assert.equal(clicked.answer?.type, 'application/vnd.microsoft.activity.message', 'a text answer within the invoke budget');
    assert.match(String(clicked.answer?.value), /Still working on it/);
    const statusCard = await eventuallyValue(() => teams.messages(chat).find((message) => /Defender status · Contoso/.test(JSON.stringify(message.posted))), 'the status card', PATIENCE);
    assert.ok(statusCard);
  });
});
