/**
 * The watch through the real bot: the first scan is a baseline (nothing already true is posted), each finding is posted
 * once in the approvers' channel across scans and a restart, VM_ and low alerts never post, more than ten findings
 * make one digest, two instances on one store post once, and the buttons open normal requests.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_SEED, startArmSimulator, type ArmSimulator } from '../../../src/azure/simulator';
import { DEMO_WATCH_ALERT_DELAY_SECONDS } from '../../../src/azure/simulator/demoAlerts';
import { VERBS } from '../../../src/cards';
import { findExecuteAction } from '../../support/cardText';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { CHANNEL_ID } from '../conversations';
import { BotHarness, cardText } from '../harness';
import { BYSTANDER } from '../people';
import { watchLeaseTtlMs } from '../../../src/wiring/watch';
import { DEV, publishApi, raiseAlert, registerApproversChannel, scan, startWatchBot, watchCards } from './watchWorld';

describe('the watch, through the real bot', () => {
  let simulator: ArmSimulator;
  let dataDir: string;
  const bots: BotHarness[] = [];
  const start = async (options: Parameters<typeof startWatchBot>[0] = {}) => {
    const bot = await startWatchBot({ simulator, dataDir, ...options });
    bots.push(bot);
    return bot;
  };
  beforeEach(async () => {
    simulator = await startArmSimulator({ port: 0, seed: DEMO_SEED });
    // Each scan sends four Resource Graph queries: a short quota window keeps many scans from waiting for it.
    simulator.setFaults({ graphQuotaWindowMs: 100 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-watch-bot-'));
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.close();
    assert.deepEqual(simulator.violations(), []);
    await simulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records a baseline first: open alerts, APIs not onboarded and uncovered subscriptions of the demo post nothing', async () => {
    const bot = await start();
    assert.equal((await scan(bot)).outcome, 'baseline');
    const second = await scan(bot);
    assert.equal(second.outcome, 'scanned');
    assert.deepEqual(watchCards(bot), []);
    assert.deepEqual(simulator.writes(), [], 'the watch never writes to Azure');
  });

  it('posts each finding once across three scans and a restart: a new API, a new alert, then coverage lost', async () => {
    let bot = await start();
    await scan(bot);
    publishApi(simulator, 'billing', 'Billing API');
    raiseAlert(simulator, { alertDisplayName: 'Spike on Billing', compromisedEntity: 'Billing API' });
    raiseAlert(simulator, { alertDisplayName: 'A low one', severity: 'Low' });
    raiseAlert(simulator, { alertDisplayName: 'EICAR test', alertType: 'VM_EICAR', severity: 'High' });
    const second = await scan(bot);
    assert.deepEqual([second.outcome, second.outcome === 'scanned' && second.posted], ['scanned', 2]);
    const afterSecond = watchCards(bot).map((card) => card.text);
    assert.equal(afterSecond.length, 2);
    assert.match(afterSecond.find((text) => /New API not onboarded/.test(text))!, /Billing API \(contoso-dev-apim\/billing\)/);
    assert.match(afterSecond.find((text) => /New Defender for APIs alert/.test(text))!, /Spike on Billing/);
    assert.ok(!afterSecond.some((text) => /A low one|EICAR/.test(text)), 'a Low alert (minimum Medium) and a VM_ alert never post');

    simulator.state.setPricing(DEV, { name: 'Api', pricingTier: 'Standard', subPlan: 'P1' });
    await scan(bot);
    const coverage = watchCards(bot).filter((card) => /Coverage lost/.test(card.text));
    assert.equal(coverage.length, 1);
    assert.match(coverage[0].text, /Defender for APIs: Standard \(P2\) → Standard \(P1\)/);
    assert.deepEqual(findExecuteAction(coverage[0].card, VERBS.reenable)?.data, { subscriptionId: DEV, apiSubPlan: 'P2' });
    for (const { card } of watchCards(bot)) assert.deepEqual(validateAdaptiveCard(card), []);
    assert.ok(watchCards(bot).every(({ activity }) => activity.conversation?.id === CHANNEL_ID), "all in the approvers' channel");

    await bot.close();
    bots.splice(bots.indexOf(bot), 1);
    bot = await start();
    const afterRestart = await scan(bot);
    assert.equal(afterRestart.outcome, 'scanned', 'no new baseline after a restart: the snapshot is in storage');
    assert.deepEqual(watchCards(bot), [], 'nothing is posted again after the restart');
  });

  it('after a crash (the lease not given up), another instance takes over once the lease expires and posts what changed meanwhile, once', async () => {
    const crashed = await start({ watchInstanceId: 'crashed' });
    await scan(crashed);
    simulator.state.setPricing(DEV, { name: 'Api', pricingTier: 'Free' });
    const second = await start({ watchInstanceId: 'successor' });
    assert.equal((await scan(second)).outcome, 'not-leader', 'the crashed instance still holds the lease');
    second.clock.advance(watchLeaseTtlMs(undefined) + 1);
    await scan(second);
    await scan(second);
    assert.deepEqual(watchCards(second).map((card) => /Coverage lost · Contoso Dev/.test(card.text)), [true]);
  });

  it('two instances on one store: only the lease holder scans, and a finding is posted once', async () => {
    const [a, b] = [await start({ watchInstanceId: 'instance-a' }), await start({ watchInstanceId: 'instance-b' })];
    await scan(a);
    raiseAlert(simulator, { alertDisplayName: 'Seen by both' });
    const reports = await Promise.all([a, b, a, b].map((bot) => bot.deps.watch.service.scan()));
    await Promise.all([a.settle(), b.settle()]);
    assert.deepEqual(reports.filter((report) => report.outcome === 'not-leader').length, 2, 'b never holds the lease while a renews it');
    assert.equal(watchCards(a).length + watchCards(b).length, 1);
  });

  it('more than ten findings in one scan make one digest card, not a flood', async () => {
    const bot = await start();
    await scan(bot);
    for (let index = 1; index <= 11; index += 1) raiseAlert(simulator, { alertDisplayName: `Spike ${index}`, severity: index === 1 ? 'High' : 'Medium' });
    const report = await scan(bot);
    assert.deepEqual(report.outcome === 'scanned' && [report.digest, report.posted], [true, 11]);
    const cards = watchCards(bot);
    assert.equal(cards.length, 1);
    assert.match(cards[0].text, /Defender watch: 11 findings in one scan/);
    assert.match(cards[0].text, /11 new alerts/);
    assert.deepEqual(validateAdaptiveCard(cards[0].card), []);
    await scan(bot);
    assert.equal(watchCards(bot).length, 1, 'and nothing again');
  });

  it('waits for the approvers\' channel: findings queued before it is registered are posted once it is', async () => {
    const bot = await start({ registerChannel: false });
    await scan(bot);
    raiseAlert(simulator, { alertDisplayName: 'Waiting' });
    const waiting = await scan(bot);
    assert.deepEqual(waiting.outcome === 'scanned' && [waiting.posted, waiting.waiting], [0, 1]);
    assert.deepEqual(watchCards(bot), []);
    await registerApproversChannel(bot);
    const posted = await scan(bot);
    assert.deepEqual(posted.outcome === 'scanned' && [posted.found, posted.posted, posted.waiting], [0, 1, 0]);
    assert.match(watchCards(bot)[0].text, /Waiting/);
  });

  it('Onboard and Request re-enable open normal requests, with the same rules as `onboard` and `enable`', async () => {
    const bot = await start();
    await scan(bot);
    publishApi(simulator, 'billing', 'Billing API');
    await scan(bot);
    const newApi = watchCards(bot).find((card) => /New API not onboarded/.test(card.text))!;
    const onboard = await bot.click(VERBS.onboardApis, findExecuteAction(newApi.card, VERBS.onboardApis)!.data, BYSTANDER, 'channel');
    assert.match(cardText(onboard), /Onboarding request req\\_\w+ opened[\s\S]*2 APIs to onboard/);
    const onboarding = await bot.deps.approvals.openRequestFor(DEV);
    const onboardTarget = onboarding?.plan.kind === 'onboard' ? onboarding.plan.targets[0] : undefined;
    assert.ok(onboardTarget?.apis.some((api) => api.apiId === 'billing'));
    await bot.deps.approvals.cancel({ requestId: onboarding!.id, actor: { id: BYSTANDER.aadObjectId!, name: BYSTANDER.name } });

    simulator.state.setPricing(DEV, { name: 'Api', pricingTier: 'Standard', subPlan: 'P1' });
    await scan(bot);
    const coverage = watchCards(bot).find((card) => /Coverage lost/.test(card.text))!;
    const reenable = await bot.click(VERBS.reenable, findExecuteAction(coverage.card, VERBS.reenable)!.data, BYSTANDER, 'channel');
    assert.match(cardText(reenable), /Standard \(P1\)[\s\S]*Standard \(P2\)/);
    const open = await bot.deps.approvals.openRequestFor(DEV);
    const enableTarget = open?.plan.kind === 'enable' ? open.plan.targets[0] : undefined;
    assert.deepEqual([enableTarget?.apiSubPlan, open?.requester.name], ['P2', BYSTANDER.name]);
    assert.deepEqual(simulator.writes(), [], 'nothing is written until an approver approves');
  });
});

describe('the watch in demo mode', () => {
  it(`posts a card for the demo's late alert, raised ${DEMO_WATCH_ALERT_DELAY_SECONDS} s after start-up`, async () => {
    let nowMs = Date.now();
    const simulator = await startArmSimulator({ port: 0, seed: DEMO_SEED, clock: () => new Date(nowMs) });
    const bot = await startWatchBot({ simulator });
    try {
      assert.equal((await scan(bot)).outcome, 'baseline');
      nowMs += DEMO_WATCH_ALERT_DELAY_SECONDS * 1000;
      bot.clock.advance(DEMO_WATCH_ALERT_DELAY_SECONDS * 1000);
      await scan(bot);
      const [card, ...others] = watchCards(bot);
      assert.deepEqual(others, []);
      assert.match(card.text, /New Defender for APIs alert · Contoso Dev\nHigh\nSuspicious spike in API traffic[\s\S]*Orders v1/);
    } finally {
      await bot.close();
      await simulator.close();
    }
  });
});
