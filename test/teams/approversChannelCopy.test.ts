/**
 * Against the Teams connector fake: an open request's copy in the approvers' channel is not lost when it cannot be
 * posted at once (the channel registered only later, or Teams refusing the post): the sweeper posts it while the
 * request is open, once, and a request that ended meanwhile is not posted at all.
 */
import assert from 'node:assert/strict';
import { VERBS } from '../../src/cards';
import { cardText, findExecuteAction } from '../support/cardText';
import { eventually } from '../support/eventually';
import type { Message } from '../support/teamsConnector';
import { APPROVERS_CHANNEL_ID, startTeamsWorld, type TeamsWorld } from './teamsWorld';

const isRequestCard = (message: Message) => findExecuteAction(message.card, VERBS.approve) !== undefined;

describe("Teams: the approvers' channel gets every open request's copy, late if need be", function () {
  this.timeout(90_000);
  let world: TeamsWorld;
  afterEach(() => world?.close());

  async function start() {
    world = await startTeamsWorld({ env: { DEFENDER_APPROVAL_CONVERSATION: APPROVERS_CHANNEL_ID, DEFENDER_WATCH_INTERVAL: 'off' } });
    return world;
  }

  it('a request opened before the channel was registered appears there once it is, and only once', async () => {
    const { teams, alex, avery, chat, approversChannel } = await start();
    await teams.send(alex, chat, 'enable "Contoso Prod"');
    await teams.send(alex, chat, 'enable "Fabrikam Sandbox"');
    assert.equal(teams.messages(approversChannel).filter(isRequestCard).length, 0, 'no channel to post to yet');

    await teams.send(avery, approversChannel, 'register approvals channel');
    await eventually(() => teams.messages(approversChannel).filter(isRequestCard).length === 2, 'both open requests to reach the channel', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // two more sweeps: nothing is posted twice
    const copies = teams.messages(approversChannel).filter(isRequestCard).map((message) => cardText(message.card));
    assert.equal(copies.length, 2);
    assert.ok(copies.some((text) => /Contoso Prod/.test(text)) && copies.some((text) => /Fabrikam Sandbox/.test(text)));
  });

  it('a copy Teams refused is posted by the sweeper when Teams is back; a request cancelled meanwhile is not', async () => {
    const { teams, alex, avery, chat, approversChannel } = await start();
    await teams.send(avery, approversChannel, 'register approvals channel');
    const channelPath = encodeURIComponent(approversChannel.id);
    teams.failNext({ method: 'POST', pathIncludes: channelPath, status: 503, count: Infinity });
    await teams.send(alex, chat, 'enable "Contoso Prod"');
    const { replies } = await teams.send(alex, chat, 'enable "Fabrikam Sandbox"');
    const cancelled = replies.find(isRequestCard)!;
    await teams.click(alex, chat, cancelled.id, VERBS.cancel);
    await eventually(() => teams.callsIn(approversChannel).filter((call) => call.method === 'POST' && call.status === 503).length >= 4, 'Teams to refuse the channel posts for a while', 30_000);

    teams.clearFaults();
    await eventually(() => teams.messages(approversChannel).some(isRequestCard), 'the open request to reach the channel', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const copies = teams.messages(approversChannel).filter(isRequestCard).map((message) => cardText(message.card));
    assert.equal(copies.length, 1, 'one copy, of the open request only');
    assert.match(copies[0], /Contoso Prod/);
  });
});
