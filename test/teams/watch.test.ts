/**
 * Against the Teams connector fake, the real bot (composition root, demo mode, its own simulator) with the watch on:
 * findings reach the approvers' channel through Teams' throttling, once each; Take it and Resolve are answered to the
 * person who clicked, and the shared card then changes for everyone, one update at a time (no 412 races).
 */
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../src/azure/simulator';
import { VERBS } from '../../src/cards';
import { cardText, findExecuteAction } from '../support/cardText';
import { APPROVERS_CHANNEL_ID, startTeamsWorld, type TeamsWorld } from './teamsWorld';

const DEV = DEMO_SUBSCRIPTIONS.contosoDev;

describe('Teams: the watch in the approvers\' channel', function () {
  this.timeout(90_000);
  let world: TeamsWorld;
  afterEach(() => world?.close());

  it('posts each new alert once through 429s, and Take it / Resolve change the shared card for everyone', async () => {
    world = await startTeamsWorld({
      connector: { rateLimits: { windows: [{ operations: 2, windowInMs: 1000 }], retryAfterSeconds: 1 } },
      env: { DEFENDER_APPROVAL_CONVERSATION: APPROVERS_CHANNEL_ID, DEFENDER_WATCH_INTERVAL: 'PT1H' },
    });
    const { teams, bot, avery, blake, approversChannel } = world;
    assert.ok(bot.watch, 'the watch runs: an approvers\' channel is configured');
    await teams.send(avery, approversChannel, 'register approvals channel');
    await bot.background.drain(); // the start-up scan: the baseline
    const simulator = bot.arm.simulator!;
    for (const name of ['Spike one', 'Spike two', 'Spike three']) simulator.state.alerts.add(DEV, { alertType: 'API_SpikeInAPITraffic', alertDisplayName: name, severity: 'High', compromisedEntity: 'Echo API' });
    const report = await bot.watch.scanNow();
    assert.deepEqual(report.outcome === 'scanned' && [report.found, report.posted], [3, 3]);
    await bot.watch.scanNow();
    const alertCards = teams.messages(approversChannel).filter((message) => /New Defender for APIs alert/.test(cardText(message.posted)));
    assert.deepEqual(alertCards.map((message) => /Spike (one|two|three)/.exec(cardText(message.posted))?.[1]).sort(), ['one', 'three', 'two'], 'each once');
    assert.ok(teams.calls.some((call) => call.status === 429), 'Teams did throttle the bot on the way');

    const card = alertCards.find((message) => /Spike one/.test(cardText(message.posted)))!;
    const taken = await teams.click(avery, approversChannel, card.id, VERBS.alertTake);
    assert.match(taken.view.text, /Taken \(in progress\) by Avery Approver/, 'Avery gets her answer');
    await bot.background.drain();
    assert.match(teams.viewOf(blake, card.id).text, /Taken \(in progress\) by Avery Approver/, 'and Blake reads it on the shared card');
    assert.equal(findExecuteAction(teams.sharedCard(card.id), VERBS.alertTake), undefined);

    await teams.click(blake, approversChannel, card.id, VERBS.alertResolve);
    await bot.background.drain();
    assert.match(teams.viewOf(avery, card.id).text, /Taken \(in progress\) by Avery Approver[\s\S]*Resolved by Blake Approver/);
    const alert = simulator.state.alerts.list(DEV).find((candidate) => candidate.properties.alertDisplayName === 'Spike one');
    assert.equal(alert?.properties.status, 'Resolved');
    assert.deepEqual(teams.calls.filter((call) => call.status === 412), [], 'updates of one card never raced each other');
  });
});
