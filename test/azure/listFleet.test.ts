import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import { generateFleetSeed, type RequestHold } from '../../src/azure/simulator';
import { badRequests, forbidResourceGraph, startHarness, trackRequestsInFlight, type Harness } from './simulatorHarness';

const PRICINGS_PATH = '/providers/Microsoft.Security/pricings';

/**
 * Lets `total` held calls through one at a time, each only once `bound` calls (or all that remain) are held at ARM at
 * the same time: a barrier that makes a client which keeps to the bound reach it, however slow the machine.
 */
async function releaseAtTheBound(hold: RequestHold, bound: number, total: number): Promise<void> {
  for (let remaining = total; remaining > 0; remaining--) {
    await hold.untilHeld(Math.min(bound, remaining));
    hold.release(1);
  }
}

/** Lists the fleet with pricing reads held at ARM, and returns the rows with the most the client had in flight at once. */
async function listAtTheBound(harness: Harness, bound: number, total: number, concurrency?: number) {
  const pricingReads = harness.simulator.hold({ method: 'GET', pathIncludes: PRICINGS_PATH });
  const inFlight = trackRequestsInFlight((path) => path.toLowerCase().includes(PRICINGS_PATH.toLowerCase()));
  try {
    const listing = harness.client.listFleet(concurrency ? { concurrency } : {});
    await releaseAtTheBound(pricingReads, bound, total);
    return { view: await listing, peakInFlight: inFlight.peak, peakHeld: pricingReads.peak };
  } finally {
    inFlight.stop();
  }
}

const pricingCalls = (harness: Harness) => harness.simulator.requests().filter((request) => request.path.endsWith(PRICINGS_PATH));

/** The per-subscription path: what `list` did before Resource Graph, and its fallback when Graph answers 403. */
describe('DefenderClient listFleet without Resource Graph (real SDK pipeline)', () => {
  let harness: Harness;
  afterEach(async () => harness.close());

  it('makes one list call, then one filtered pricings call per subscription, never more than the bound at once', async () => {
    harness = await startHarness(generateFleetSeed(24));
    forbidResourceGraph(harness.simulator);
    const { view, peakInFlight, peakHeld } = await listAtTheBound(harness, 4, 24, 4);
    assert.equal(view.source, 'arm');
    assert.match(view.fallbackReason ?? '', /may not query Azure Resource Graph \(HTTP 403\)/);
    const rows = view.rows;
    assert.equal(rows.length, 24);
    assert.ok(rows.every((row) => row.settings && !row.error));
    const calls = pricingCalls(harness);
    assert.equal(calls.length, 24);
    assert.ok(calls.every((call) => call.query.$filter === 'name in (Api,CloudPosture)' && call.query['api-version'] === '2024-01-01'));
    assert.equal(harness.simulator.requests().length, 26, 'nothing beyond the refused Graph query, the list and one call each');
    assert.equal(peakHeld, 4, 'four at ARM at once');
    assert.equal(peakInFlight, 4, 'never more than four in flight from the client');
    assert.deepEqual(badRequests(harness.simulator), []);
  });

  it('defaults to the configured fleet concurrency (16)', async () => {
    harness = await startHarness(generateFleetSeed(40));
    forbidResourceGraph(harness.simulator);
    const { view, peakInFlight, peakHeld } = await listAtTheBound(harness, 16, 40);
    assert.equal(view.rows.length, 40);
    assert.deepEqual([peakHeld, peakInFlight], [16, 16]);
  });

  it('reuses connections: a fleet of 40 opens no more connections than the concurrency', async () => {
    harness = await startHarness(generateFleetSeed(40), { fleetConcurrency: 4 });
    forbidResourceGraph(harness.simulator);
    let freshConnections = 0;
    let responses = 0;
    // Node publishes every finished client response; `reusedSocket` says whether it rode a kept-alive connection.
    const onResponse = (message: unknown) => {
      responses += 1;
      if (!(message as { request: { reusedSocket: boolean } }).request.reusedSocket) freshConnections += 1;
    };
    diagnosticsChannel.subscribe('http.client.response.finish', onResponse);
    try {
      await harness.client.listFleet();
    } finally {
      diagnosticsChannel.unsubscribe('http.client.response.finish', onResponse);
    }
    assert.equal(responses, 42, 'the refused Graph query, the list, one read each');
    assert.ok(freshConnections >= 1 && freshConnections <= 4, `opened ${freshConnections} connections for 42 requests`);
  });

  it('captures a failing subscription in its row and reads the rest', async () => {
    const seed = generateFleetSeed(5);
    seed.subscriptions[2].registeredProviders = [];
    harness = await startHarness(seed);
    forbidResourceGraph(harness.simulator);
    const { rows } = await harness.client.listFleet();
    assert.equal(rows[2].error?.code, 'MissingSubscriptionRegistration');
    assert.equal(rows[2].settings, undefined);
    assert.equal(rows.filter((row) => row.settings).length, 4);
  });
});
