/**
 * Teams-side delivery through the real Application (TestAdapter): a redelivered activity is not acted on again; card
 * updates are one at a time per message, retried through 429/412/5xx, and a card left behind by an outage is brought
 * up to date by the sweeper; proactive sends go to the conversation's latest serviceUrl; refresh lists name approvers
 * first by MRI.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_SEED, startArmSimulator, type ArmSimulator } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';
import { startSweeper } from '../../../src/bot/sweeper';
import { LEDGER_KEY_PREFIX, REDELIVERED_CLICK_TEXT } from '../../../src/bot/guards/redeliveryGuard';
import { activityLedgerFileStore } from '../../../src/wiring/storage';
import { actionExecuteActivity, messageActivity } from '../conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, REQUESTER, SECOND_APPROVER } from '../people';
import { openRequest } from '../requestFlow';

describe('delivery as Teams does it (TestAdapter)', () => {
  let bot: BotHarness;
  afterEach(() => bot?.close());

  it('a redelivered message (same activity id) is not acted on again: no second reply, no second request', async () => {
    bot = await createBotHarness();
    const activity = messageActivity('enable "Contoso Prod"', REQUESTER);
    const first = await bot.process(activity);
    assert.equal(first.length, 2, 'the preview and the request card');
    const again = await bot.process({ ...activity });
    assert.deepEqual(again, [], 'nothing at all for the redelivery');
    const created = (await bot.deps.audit.list({ limit: 10 })).filter((entry) => entry.type === 'request.created');
    assert.equal(created.length, 1);
  });

  it('a redelivery is recognised after a restart too (the ledger is in storage)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-ledger-'));
    const simulator: ArmSimulator = await startArmSimulator({ port: 0, seed: DEMO_SEED });
    try {
      const activity = messageActivity('enable "Contoso Prod"', REQUESTER);
      const before = await createBotHarness({ dataDir, simulator });
      await before.process(activity);
      await before.close();
      bot = await createBotHarness({ dataDir, simulator });
      assert.deepEqual(await bot.process({ ...activity }), []);
    } finally {
      await bot?.close();
      bot = undefined as unknown as BotHarness;
      await simulator.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a redelivered click gets a short answer and changes nothing', async () => {
    bot = await createBotHarness({ policy: { minApprovals: 2 } });
    const { approveData } = await openRequest(bot);
    const click = actionExecuteActivity(VERBS.approve, approveData, APPROVER);
    await bot.process(click);
    const again = await bot.process({ ...click });
    const answer = again.find((activity) => activity.type === 'invokeResponse') as Partial<Activity>;
    assert.equal((answer.value as { body: { value: string } }).body.value, REDELIVERED_CLICK_TEXT);
    const approvals = (await bot.deps.audit.list({ limit: 10 })).filter((entry) => entry.type === 'request.approval-recorded');
    assert.equal(approvals.length, 1);
  });

  it('an automatic refresh costs no ledger write, and a repeated one is still answered with the viewer\'s card', async () => {
    bot = await createBotHarness();
    const { requestId } = await openRequest(bot);
    const ledger = activityLedgerFileStore(bot.dataDir);
    const entriesBefore = (await ledger.listKeys(LEDGER_KEY_PREFIX)).length;
    const refresh = actionExecuteActivity(VERBS.refreshRequest, { requestId }, APPROVER);
    (refresh.value as { trigger: string }).trigger = 'automatic';
    for (const delivery of [refresh, { ...refresh }]) {
      const answer = (await bot.process(delivery)).find((activity) => activity.type === 'invokeResponse') as Partial<Activity>;
      assert.equal((answer.value as { body: { type: string } }).body.type, 'application/vnd.microsoft.card.adaptive');
    }
    assert.equal((await ledger.listKeys(LEDGER_KEY_PREFIX)).length, entriesBefore);
  });

  it('updates each message one at a time, through throttling, and every copy ends up showing the outcome', async () => {
    bot = await createBotHarness({ approvalConversation: '19:approvals@thread.tacv2' });
    const { approveData } = await openRequest(bot);
    bot.adapter.failUpdates(1, 429, 0);
    bot.adapter.failUpdates(1, 412);
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    assert.equal(bot.adapter.peakConcurrentUpdates, 1, 'never two updates of one message at once');
    assert.match(cardText(cardOf(bot.adapter.updates.at(-1))), /Done/);
    assert.deepEqual(await bot.deps.cardLocations.listDue(), [], 'nothing left behind');
  });

  it('a card an outage left behind is brought up to date by the sweeper', async () => {
    bot = await createBotHarness();
    const { approveData, requestId, requestCardActivity } = await openRequest(bot);
    bot.adapter.failUpdates(1000, 503);
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    assert.deepEqual(await bot.deps.cardLocations.listDue(), [requestId], 'the card is known to be behind');
    bot.adapter.clearUpdateFailures();
    const sweeper = startSweeper(bot.deps, 3_600_000);
    try {
      await sweeper.sweepNow();
    } finally {
      sweeper.stop();
    }
    const update = bot.adapter.updates.filter((activity) => activity.id === requestCardActivity.id).at(-1);
    assert.match(cardText(cardOf(update)), /Done/);
    assert.deepEqual(await bot.deps.cardLocations.listDue(), []);
  });

  it('proactive updates go to the serviceUrl the conversation used last', async () => {
    bot = await createBotHarness();
    const { approveData, requestCardActivity } = await openRequest(bot);
    const moved = 'https://smba.moved.example.invalid/teams/';
    await bot.process({ ...messageActivity('help', REQUESTER), serviceUrl: moved });
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    const update = bot.adapter.updates.filter((activity) => activity.id === requestCardActivity.id).at(-1);
    assert.equal(update?.serviceUrl, moved);
  });

  it('refresh lists approvers first, then the requester, then others who clicked, and nobody pushes an approver out', async () => {
    bot = await createBotHarness({ policy: { minApprovals: 2 } });
    const { requestId, requestCard, approveData } = await openRequest(bot);
    const userIds = (requestCard.refresh as { userIds: string[] }).userIds;
    assert.deepEqual(userIds.slice(0, 3), [APPROVER, SECOND_APPROVER, REQUESTER].map((person) => `8:orgid:${person.aadObjectId}`));
    for (let index = 0; index < 70; index++) await bot.deps.cardLocations.addUserMri(requestId, `29:clicker-${index}`);
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    const updated = cardOf(bot.adapter.updates.at(-1)).refresh as { userIds: string[] };
    assert.equal(updated.userIds.length, 60, 'Teams honours 60');
    assert.deepEqual(updated.userIds.slice(0, 3), [APPROVER, SECOND_APPROVER, REQUESTER].map((person) => `8:orgid:${person.aadObjectId}`));
  });
});
