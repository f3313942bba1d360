import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { SIMULATOR_TOKEN } from '../../src/azure/credentials';
import { SUB_PROD, SUB_PROD_EU, applyAsExecutor, planEnable, startHarness, trackRequestsInFlight, type Harness } from './simulatorHarness';

const lastSegment = (path: string) => path.split('/').pop();

describe('DefenderClient apply: concurrency, locking and headers (real SDK pipeline)', () => {
  let harness: Harness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  it('sends the two PUTs of one target concurrently', async () => {
    const { client, simulator } = harness;
    const target = await planEnable(client, SUB_PROD_EU);
    const puts = simulator.hold({ method: 'PUT' });
    const applying = applyAsExecutor(client, target);
    // Both PUTs are at ARM at the same time: neither waited for the other's answer.
    await puts.untilHeld(2);
    assert.deepEqual(puts.held().map((put) => lastSegment(put.path)).sort(), ['Api', 'CloudPosture']);
    puts.release();
    const outcome = await applying;
    assert.equal(outcome.status, 'succeeded');
    assert.equal(simulator.writes().length, 2);
  });

  it('never has two PUTs in flight for the same subscription and pricing', async () => {
    const { client, simulator } = harness;
    const target = await planEnable(client, SUB_PROD);
    const current = await client.readSettings(SUB_PROD);
    const puts = simulator.hold({ method: 'PUT' });
    const inFlight = trackRequestsInFlight((path) => path.includes('/pricings/'));
    try {
      const both = Promise.all([client.applyTarget(target, current), client.applyTarget(target, current)]);
      // The first apply's two PUTs are held at ARM. Had the second not waited for them, its PUTs would have left the
      // client before these arrived (a request is created before its connection is even opened).
      await puts.untilHeld(2);
      assert.deepEqual(puts.held().map((put) => lastSegment(put.path)).sort(), ['Api', 'CloudPosture']);
      puts.release();
      await puts.untilHeld(2); // then the second apply's, once the first's were answered
      puts.release();
      await both;
      assert.deepEqual(Object.fromEntries(inFlight.peakPerPath()), {
        [`/subscriptions/${SUB_PROD}/providers/Microsoft.Security/pricings/Api`]: 1,
        [`/subscriptions/${SUB_PROD}/providers/Microsoft.Security/pricings/CloudPosture`]: 1,
      });
      assert.equal(puts.peak, 2);
    } finally {
      inFlight.stop();
    }
    for (const pricing of ['Api', 'CloudPosture']) {
      assert.equal(simulator.writes().filter((request) => request.path.endsWith(`/pricings/${pricing}`)).length, 2);
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
