import assert from 'node:assert/strict';
import { DefenderClient } from '../../src/azure/defenderClient';
import { SimulatorCredential } from '../../src/azure/credentials';
import { isDefenderError, type DefenderError } from '../../src/core/errors';
import { SUB_PROD, SUB_UNREGISTERED, startHarness, type Harness } from './simulatorHarness';

async function failure(promise: Promise<unknown>): Promise<DefenderError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  assert.ok(isDefenderError(error), `expected a DefenderError, got ${String(error)}`);
  return error;
}

describe('DefenderClient resilience and error mapping (real SDK pipeline)', () => {
  let harness: Harness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  it('retries a 429 after its Retry-After and succeeds', async () => {
    const { client, simulator } = harness;
    simulator.setFaults({ retryAfterMs: 120 });
    simulator.failNext({ method: 'GET', pathIncludes: '/pricings', status: 429, code: 'SubscriptionRequestsThrottled', count: 2 });
    const settings = await client.readSettings(SUB_PROD);
    assert.equal(settings.cspm.pricingTier, 'Standard');
    const attempts = simulator.requests();
    assert.deepEqual(attempts.map((request) => request.status), [429, 429, 200]);
    const gapsInMs = attempts.slice(1).map((request, index) => Date.parse(request.time) - Date.parse(attempts[index].time));
    assert.ok(gapsInMs.every((gap) => gap >= 110), `waited for Retry-After between attempts: ${gapsInMs.join(', ')} ms`);
  });

  it('throttling that outlasts the retries becomes Throttled, saying when to try again', async () => {
    const { client, simulator } = harness;
    simulator.setFaults({ retryAfterMs: 10 });
    simulator.failNext({ pathIncludes: '/pricings', status: 429, count: 10 });
    const error = await failure(client.readSettings(SUB_PROD));
    assert.equal(error.code, 'Throttled');
    assert.match(error.message, /Try again after \d{4}-\d\d-\d\dT.* \(1 s\)/);
    assert.equal(simulator.requests().length, 4, 'the SDK default: one try and three retries');
    assert.ok(error.details.requestId);
  });

  it('5xx that outlasts the back-off becomes ArmUnavailable', async () => {
    const { client, simulator } = harness;
    simulator.failNext({ pathIncludes: '/pricings', status: 500, code: 'InternalServerError', count: 10 });
    const error = await failure(client.readSettings(SUB_PROD));
    assert.equal(error.code, 'ArmUnavailable');
    assert.equal(error.details.statusCode, 500);
    assert.ok(simulator.requests().length > 1, 'retried with back-off first');
  });

  it('a single 503 is retried transparently', async () => {
    const { client, simulator } = harness;
    simulator.failNext({ pathIncludes: '/pricings', status: 503 });
    await client.readSettings(SUB_PROD);
    assert.deepEqual(simulator.requests().map((request) => request.status), [503, 200]);
  });

  it('an unregistered Microsoft.Security gives the az provider register command', async () => {
    const error = await failure(harness.client.readSettings(SUB_UNREGISTERED));
    assert.equal(error.code, 'MissingSubscriptionRegistration');
    assert.match(error.message, new RegExp(`az provider register --namespace Microsoft\\.Security --subscription ${SUB_UNREGISTERED}`));
  });

  it('an unknown subscription id gives SubscriptionNotFound', async () => {
    const unknown = '99999999-0000-4000-8000-000000000000';
    const error = await failure(harness.client.getStatus(unknown));
    assert.equal(error.code, 'SubscriptionNotFound');
    assert.match(error.message, new RegExp(unknown));
  });

  it('an unreachable endpoint gives ArmUnavailable after socket-error retries', async () => {
    const port = harness.simulator.port;
    await harness.simulator.close();
    const client = new DefenderClient({ credential: new SimulatorCredential(), endpoint: `https://127.0.0.1:${port}`, retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 } });
    const error = await failure(client.ping());
    assert.equal(error.code, 'ArmUnavailable');
    assert.equal(error.details.armCode, 'ECONNREFUSED');
    harness = await startHarness(); // afterEach closes a live simulator
  });

  it('trusts the simulator CA per client only: a client without it fails with a certificate error', async () => {
    const { simulator, client } = harness;
    const untrusting = new DefenderClient({ credential: new SimulatorCredential(), endpoint: simulator.url });
    const error = await failure(untrusting.ping());
    assert.equal(error.code, 'ArmUnavailable');
    assert.match(error.message, /TLS certificate is not trusted/);
    assert.match(String(error.details.armCode), /CERT|SELF_SIGNED/);
    await client.ping(); // the trusting client, same process, still works
  });

  it('honours an abort signal', async () => {
    const { client, simulator } = harness;
    simulator.setFaults({ latencyMs: 2000 });
    const controller = new AbortController();
    const pending = client.getStatus(SUB_PROD, { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.then(() => undefined, (caught: unknown) => caught);
    assert.equal((error as Error)?.name, 'AbortError');
  });
});
