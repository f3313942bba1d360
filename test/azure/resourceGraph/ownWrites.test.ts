/**
 * Resource Graph lags; the fleet view lays the bot's own recent writes (their ARM read-backs) over it, until Graph
 * agrees or a few minutes have passed, so a `list` right after an approval never shows the old state.
 */
import assert from 'node:assert/strict';
import { SimulatorCredential } from '../../../src/azure/credentials';
import { DefenderClient } from '../../../src/azure/defenderClient';
import { isApiPostureOn } from '../../../src/core/defender';
import type { FleetView } from '../../../src/core/fleet';
import { ManualClock } from '../../support/manualClock';
import { SUB_PROD_EU, startHarness, type Harness, applyAsExecutor, planEnable } from '../simulatorHarness';

const LAG_MS = 60_000;
const rowOf = (view: FleetView, subscriptionId: string) => view.rows.find((row) => row.subscription.subscriptionId === subscriptionId)!;
const describeRow = (view: FleetView) => {
  const { settings } = rowOf(view, SUB_PROD_EU);
  return `${settings!.api.pricingTier} ${settings!.api.subPlan ?? '-'} posture ${isApiPostureOn(settings!.cspm) ? 'on' : 'off'}`;
};

describe('DefenderClient fleet view: the bot\'s own writes over a lagging Resource Graph', () => {
  let harness: Harness;
  let bystander: DefenderClient;
  const clock = new ManualClock();
  beforeEach(async () => {
    harness = await startHarness(undefined, { clock });
    // Another bot instance on the same "Azure" that wrote nothing itself: it sees what Resource Graph sees.
    bystander = new DefenderClient({ credential: new SimulatorCredential(), endpoint: harness.simulator.url, caCertificate: harness.simulator.caCertificate, clock });
    harness.simulator.setFaults({ graphLagMs: LAG_MS });
  });
  afterEach(async () => harness.close());

  it('shows the state the bot wrote at once, while Resource Graph still has the old one', async () => {
    assert.equal(describeRow(await harness.client.listFleet()), 'Free - posture off');
    const outcome = await applyAsExecutor(harness.client, await planEnable(harness.client, SUB_PROD_EU, { apiSubPlan: 'P3' }));
    assert.equal(outcome.status, 'succeeded');
    const view = await harness.client.listFleet();
    assert.equal(view.source, 'resource-graph');
    assert.equal(describeRow(view), 'Standard P3 posture on');
    assert.equal(describeRow(await bystander.listFleet()), 'Free - posture off', 'Resource Graph itself still lags');
  });

  it('steps aside once Resource Graph agrees, so a later change by someone else shows', async () => {
    await applyAsExecutor(harness.client, await planEnable(harness.client, SUB_PROD_EU, { apiSubPlan: 'P3' }));
    harness.simulator.setFaults({ graphLagMs: 0 });
    assert.equal(describeRow(await harness.client.listFleet()), 'Standard P3 posture on', 'Graph caught up');
    harness.simulator.state.setPricing(SUB_PROD_EU, { name: 'Api', pricingTier: 'Free' });
    assert.equal(describeRow(await harness.client.listFleet()), 'Free - posture on', 'someone else turned Defender for APIs off');
  });

  it('forgets its own writes after a few minutes, even if Resource Graph still lags', async () => {
    await applyAsExecutor(harness.client, await planEnable(harness.client, SUB_PROD_EU, { apiSubPlan: 'P3' }));
    clock.advance(5 * 60_000 + 1);
    assert.equal(describeRow(await harness.client.listFleet()), 'Free - posture off');
  });
});
