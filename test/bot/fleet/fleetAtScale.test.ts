/** `list` and `enable all` over thousands of subscriptions: a few Resource Graph calls, never one per subscription. */
import assert from 'node:assert/strict';
import { generateFleetSeed, type SimulatorSeed } from '../../../src/azure/simulator';
import { findAction, validateAdaptiveCard } from '../../cards/validateCard';
import { VERBS } from '../../../src/cards';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { REQUESTER } from '../people';
import { approveDataOf } from '../requestFlow';

const FLEET_SIZE = 3000;

/** The seed's own truth: covered = Api Standard and CloudPosture Standard with ApiPosture on. */
function coverageOfSeed(seed: SimulatorSeed) {
  const counts = { covered: 0, partly: 0, off: 0 };
  for (const subscription of seed.subscriptions) {
    const pricing = (name: string) => subscription.pricings?.find((candidate) => candidate.name === name);
    const apis = pricing('Api')?.pricingTier === 'Standard';
    const cspm = pricing('CloudPosture');
    const posture = cspm?.pricingTier === 'Standard' && !!cspm.extensions?.some((extension) => extension.name === 'ApiPosture' && extension.isEnabled === 'True');
    if (apis && posture) counts.covered += 1;
    else if (apis || posture) counts.partly += 1;
    else counts.off += 1;
  }
  return counts;
}

describe(`fleet of ${FLEET_SIZE} subscriptions`, () => {
  let bot: BotHarness;
  const seed = generateFleetSeed(FLEET_SIZE, { seed: 11 });
  // Some with Defender for APIs on but posture off, so every kind of row is there.
  for (const subscription of seed.subscriptions.slice(0, 40)) subscription.pricings = [{ name: 'Api', pricingTier: 'Standard', subPlan: 'P2' }];
  const truth = coverageOfSeed(seed);
  before(async () => (bot = await createBotHarness({ seed })));
  after(() => bot.close());
  beforeEach(() => bot.simulator.clearRequests());

  const perSubscriptionReads = () => bot.simulator.requests().filter((request) => /^\/subscriptions\/[^/]+\//.test(request.path));

  it('`list` counts covered, partly covered and off from three Resource Graph pages', async () => {
    const card = cardOf((await bot.send('list', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.ok(truth.partly > 0 && truth.covered > 0 && truth.off > 0, JSON.stringify(truth));
    assert.match(cardText(card), new RegExp(`${FLEET_SIZE} subscriptions: ${truth.covered} covered · ${truth.partly} partly covered · ${truth.off} off`));
    assert.match(cardText(card), new RegExp(`Showing 1–15 of ${FLEET_SIZE}`));
    assert.equal(bot.simulator.requests().length, 3);
    assert.deepEqual(perSubscriptionReads(), []);
    assert.deepEqual(findAction(card, { verb: VERBS.listMore })?.data, { page: 2 });
  });

  it('`enable all` plans every subscription that is not covered, from Resource Graph alone', async () => {
    const replies = await bot.send('enable all', REQUESTER);
    assert.match(cardText(cardOf(replies[0])), new RegExp(`opened for ${truth.partly + truth.off} subscriptions`));
    const request = await bot.deps.approvals.get(approveDataOf(cardOf(replies[1])).requestId);
    assert.equal(request?.plan.targets.length, truth.partly + truth.off);
    assert.ok(request?.plan.targets.every((target) => target.changes.length > 0));
    assert.deepEqual(perSubscriptionReads(), [], 'no subscription read one by one while planning');
    assert.ok(bot.simulator.requests().length <= 3, `${bot.simulator.requests().length} ARM calls`);
  });
});
