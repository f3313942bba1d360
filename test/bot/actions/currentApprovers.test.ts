/**
 * Only people who are approvers NOW count, against the stricter of the request's and the configured quorum; a
 * configuration that could never approve a request does not open it; the card never offers a second Approve.
 * Through the real Application, with a restart (a new harness over the same data and simulator) between clicks.
 */
import assert from 'node:assert/strict';
import { startArmSimulator, DEMO_SEED, type ArmSimulator } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';
import { findAction } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness, type HarnessOptions } from '../harness';
import { APPROVER, FORMER_APPROVER, REQUESTER, SECOND_APPROVER } from '../people';
import { openRequest, pricingPuts } from '../requestFlow';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ids = (...people: Array<{ aadObjectId?: string }>) => people.map((person) => person.aadObjectId!);

describe('approvals count only from current approvers', () => {
  let simulator: ArmSimulator;
  let dataDir: string;
  const bots: BotHarness[] = [];
  beforeEach(async () => {
    simulator = await startArmSimulator({ port: 0, seed: DEMO_SEED });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-approvers-'));
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.close();
    await simulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  /** A bot over the shared data directory and simulator: a second call is the same bot restarted with new settings. */
  async function botWith(policy: HarnessOptions['policy']) {
    const bot = await createBotHarness({ simulator, dataDir, policy });
    bots.push(bot);
    return bot;
  }

  it('an approval from someone removed from the approvers after they approved no longer counts, and the card says so', async () => {
    const before = await botWith({ approvers: ids(APPROVER, SECOND_APPROVER, FORMER_APPROVER), minApprovals: 2 });
    const { approveData, requestId } = await openRequest(before);
    await before.click(VERBS.approve, approveData, FORMER_APPROVER);

    const after = await botWith({ approvers: ids(APPROVER, SECOND_APPROVER), minApprovals: 2 });
    const answer = await after.click(VERBS.approve, approveData, SECOND_APPROVER);
    await after.settle();
    assert.equal((await after.deps.approvals.get(requestId))?.status, 'pending', 'one current approver is not a quorum of two');
    assert.deepEqual(pricingPuts(after), [], 'nothing was written');
    const text = cardText(answer);
    assert.match(text, /1 of 2 approvals: Sam Second/);
    assert.match(text, /Erin Former's approval no longer counts: not an approver/);
    const recorded = await after.deps.audit.list({ requestId, limit: 1 });
    assert.deepEqual(recorded[0].details.notCounted, [{ id: FORMER_APPROVER.aadObjectId, name: FORMER_APPROVER.name, reason: 'not an approver' }]);

    await after.click(VERBS.approve, approveData, APPROVER);
    await after.settle();
    assert.equal((await after.deps.approvals.get(requestId))?.status, 'succeeded', 'two current approvers make the quorum');
  });

  it('the quorum is the stricter of the request\'s and the one configured now', async () => {
    const before = await botWith({ approvers: ids(APPROVER, SECOND_APPROVER), minApprovals: 1 });
    const { approveData, requestId } = await openRequest(before);
    const after = await botWith({ approvers: ids(APPROVER, SECOND_APPROVER), minApprovals: 2 });
    assert.match(cardText(await after.click(VERBS.approve, approveData, APPROVER)), /1 of 2 approvals/);
    await after.settle();
    assert.equal((await after.deps.approvals.get(requestId))?.status, 'pending');
    assert.deepEqual(pricingPuts(after), []);
  });

  it('never offers Approve again to an approver who already approved, and still refuses one sent anyway', async () => {
    const bot = await botWith({ approvers: ids(APPROVER, SECOND_APPROVER), minApprovals: 2 });
    const { approveData, requestId } = await openRequest(bot);
    const answer = await bot.click(VERBS.approve, approveData, APPROVER);
    assert.equal(findAction(answer, { verb: VERBS.approve }), undefined, 'no Approve on the answer');
    const refreshed = await bot.click(VERBS.refreshRequest, { requestId }, APPROVER);
    assert.equal(findAction(refreshed, { verb: VERBS.approve }), undefined, 'no Approve on their refreshed view');
    assert.ok(findAction(await bot.click(VERBS.refreshRequest, { requestId }, SECOND_APPROVER), { verb: VERBS.approve }), 'the other approver still has it');
    assert.match(cardText(await bot.click(VERBS.approve, approveData, APPROVER)), /already approved/);
  });

  it('does not open a request an approver asks for when the other approvers could never reach the quorum, and says who must ask', async () => {
    const earlier = await botWith({ approvers: ids(APPROVER, SECOND_APPROVER), minApprovals: 1 });
    const done = await openRequest(earlier, '"Fabrikam Sandbox"');
    await earlier.click(VERBS.approve, done.approveData, APPROVER);
    await earlier.settle();
    const bot = await botWith({ approvers: ids(APPROVER, SECOND_APPROVER), minApprovals: 2 });
    for (const command of ['enable "Contoso Prod"', 'onboard "Contoso Prod"', `revert ${done.requestId}`]) {
      const replies = await bot.send(command, APPROVER);
      assert.equal(replies.length, 1, `${command}: one answer, no request card`);
      const text = cardText(cardOf(replies[0]));
      assert.match(text, /not opened/);
      assert.match(text, /Ask someone who is not an approver/);
    }
    assert.equal(await bot.deps.approvals.openRequestFor(simulator.state.subscriptions.values().next().value!.subscriptionId), undefined, 'the subscription is not blocked');
    const opened = await openRequest(bot, '"Contoso Prod"', REQUESTER);
    assert.equal((await bot.deps.approvals.get(opened.requestId))?.status, 'pending', 'someone else can ask at once');
  });
});
