import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import { generateFleetSeed, type RecordedRequest } from '../../src/azure/simulator';
import { badRequests, forbidResourceGraph, startHarness, type Harness } from './simulatorHarness';

const LATENCY_MS = 150;

/** Requests that arrived within less than one latency of each other were all in flight at once. */
function maxInFlight(requests: RecordedRequest[]): number {
  const arrivals = requests.map((request) => Date.parse(request.time)).sort((a, b) => a - b);
  let max = 0;
  for (let start = 0; start < arrivals.length; start += 1) {
    let end = start;
    while (end + 1 < arrivals.length && arrivals[end + 1] - arrivals[start] < LATENCY_MS - 20) end += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

const pricingCalls = (harness: Harness) => harness.simulator.requests().filter((request) => request.path.endsWith('/providers/Microsoft.Security/pricings'));

/** The per-subscription path: what `list` did before Resource Graph, and its fallback when Graph answers 403. */
describe('DefenderClient listFleet without Resource Graph (real SDK pipeline)', () => {
  let harness: Harness;
  afterEach(async () => harness.close());

  it('makes one list call, then one filtered pricings call per subscription, never more than the bound at once', async () => {
    harness = await startHarness(generateFleetSeed(24));
    forbidResourceGraph(harness.simulator);
    harness.simulator.setFaults({ latencyMs: LATENCY_MS });
    const view = await harness.client.listFleet({ concurrency: 4 });
    assert.equal(view.source, 'arm');
    assert.match(view.fallbackReason ?? '', /may not query Azure Resource Graph \(HTTP 403\)/);
    const rows = view.rows;
    assert.equal(rows.length, 24);
    assert.ok(rows.every((row) => row.settings && !row.error));
    const calls = pricingCalls(harness);
    assert.equal(calls.length, 24);
    assert.ok(calls.every((call) => call.query.$filter === 'name in (Api,CloudPosture)' && call.query['api-version'] === '2024-01-01'));
    assert.equal(harness.simulator.requests().length, 26, 'nothing beyond the refused Graph query, the list and one call each');
    assert.equal(maxInFlight(calls), 4);
    assert.deepEqual(badRequests(harness.simulator), []);
  });

  it('defaults to the configured fleet concurrency (16)', async () => {
    harness = await startHarness(generateFleetSeed(40));
    forbidResourceGraph(harness.simulator);
    harness.simulator.setFaults({ latencyMs: LATENCY_MS });
    await harness.client.listFleet();
    assert.equal(maxInFlight(pricingCalls(harness)), 16);
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
