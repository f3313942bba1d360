import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { SIMULATOR_TOKEN } from '../../src/azure/credentials';
import { SUB_PROD, SUB_PROD_EU, startHarness, type Harness } from './simulatorHarness';

const LATENCY_MS = 200;
const arrival = (request: { time: string }) => Date.parse(request.time);

describe('DefenderClient apply: concurrency, locking and headers (real SDK pipeline)', () => {
  let harness: Harness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  it('sends the two PUTs of one target concurrently', async () => {
    const { client, simulator } = harness;
    const plan = await client.plan(SUB_PROD_EU);
    simulator.setFaults({ latencyMs: LATENCY_MS });
    await client.apply(plan);
    const [first, second] = simulator.writes();
    assert.ok(Math.abs(arrival(first) - arrival(second)) < LATENCY_MS / 2, `PUTs arrived ${arrival(second) - arrival(first)} ms apart`);
  });

  it('never has two PUTs in flight for the same subscription and pricing', async () => {
    const { client, simulator } = harness;
    const target = (await client.plan(SUB_PROD)).targets[0];
    const current = await client.readSettings(SUB_PROD);
    simulator.setFaults({ latencyMs: LATENCY_MS });
    await Promise.all([client.applyTarget(target, current), client.applyTarget(target, current)]);
    for (const pricing of ['Api', 'CloudPosture']) {
      const puts = simulator.writes().filter((request) => request.path.endsWith(`/pricings/${pricing}`));
      assert.equal(puts.length, 2);
      assert.ok(arrival(puts[1]) - arrival(puts[0]) >= LATENCY_MS - 5, `${pricing} PUTs overlapped: ${arrival(puts[1]) - arrival(puts[0])} ms apart`);
    }
  });

  it('sends our user agent prefix through the SDK pipeline and the credential as a bearer token', async () => {
    const seen: Array<{ userAgent: unknown; authorization: unknown }> = [];
    const onStart = (message: unknown) => {
      const request = (message as { request: ClientRequest }).request;
      seen.push({ userAgent: request.getHeader('user-agent'), authorization: request.getHeader('authorization') });
    };
    diagnosticsChannel.subscribe('http.client.request.start', onStart);
    try {
      await harness.client.ping();
    } finally {
      diagnosticsChannel.unsubscribe('http.client.request.start', onStart);
    }
    assert.equal(seen.length, 1);
    assert.match(String(seen[0].userAgent), /^defender-chatops\/0\.1 azsdk-js-arm-security\/5\.0\.0 /);
    assert.equal(seen[0].authorization, `Bearer ${SIMULATOR_TOKEN}`);
  });
});

describe('DefenderClient apply: two approvals of one plan racing', () => {
  let harness: Harness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  it('applies once; the second re-reads after the first wrote and is refused as stale', async () => {
    const { client, simulator } = harness;
    const plan = await client.plan(SUB_PROD);
    simulator.setFaults({ latencyMs: 50 });
    const outcomes = await Promise.all([client.apply(plan), client.apply(plan)]);
    assert.deepEqual(outcomes.map(([outcome]) => outcome.status).sort(), ['stale', 'succeeded']);
    assert.equal(simulator.writes().length, 2, 'one Api PUT and one CloudPosture PUT in all');
  });
});
