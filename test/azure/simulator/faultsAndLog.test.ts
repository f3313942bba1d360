import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { pricingPath } from './armHttp';
import { useArmSimulator, withArmSimulator } from './armSimulatorFixture';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

function statusesFor(seed: number, requests: number): Promise<number[]> {
  return withArmSimulator(async ({ simulator, http }) => {
    simulator.setFaults({ throttleRate: 0.3, serverErrorRate: 0.1, seed, retryAfterMs: 250 });
    const statuses: number[] = [];
    for (let index = 0; index < requests; index += 1) statuses.push((await http.request('GET', pricingPath(PROD, 'Api'))).status);
    return statuses;
  });
}

describe('ARM simulator: faults and the request log', () => {
  const arm = useArmSimulator({ per: 'test' });

  it('throttles with 429, Retry-After in seconds and retry-after-ms', async () => {
    arm.simulator.setFaults({ throttleRate: 1, retryAfterMs: 1500 });
    const response = await arm.http.request('GET', pricingPath(PROD, 'Api'));
    assert.equal(response.status, 429);
    assert.equal(response.headers['retry-after'], '2');
    assert.equal(response.headers['retry-after-ms'], '1500');
    assert.equal(response.body.error.code, 'SubscriptionRequestsThrottled');
    assert.equal(arm.simulator.requests()[0].fault, 'throttle');
  });

  it('draws throttles and 503s from a seeded PRNG: the same seed gives the same run, another seed another', async () => {
    const first = await statusesFor(7, 40);
    const again = await statusesFor(7, 40);
    const other = await statusesFor(8, 40);
    assert.deepEqual(first, again);
    assert.notDeepEqual(first, other);
    assert.ok(first.includes(429) && first.includes(503) && first.includes(200), `a mix expected, got ${first.join(',')}`);
  });

  it('adds latency to ARM calls', async () => {
    arm.simulator.setFaults({ latencyMs: 120 });
    const started = Date.now();
    await arm.http.request('GET', pricingPath(PROD, 'Api'));
    assert.ok(Date.now() - started >= 110);
  });

  it('failNext breaks only the matching calls, count times, then lets them through', async () => {
    arm.simulator.failNext({ method: 'PUT', pathIncludes: '/pricings/api', status: 503, code: 'ServiceUnavailable', message: 'try later', count: 2 });
    const get = await arm.http.request('GET', pricingPath(PROD, 'Api'));
    assert.equal(get.status, 200, 'a GET does not match a PUT rule');
    const body = { properties: { pricingTier: 'Standard', subPlan: 'P1' } };
    assert.equal((await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body })).status, 503);
    assert.equal((await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body })).status, 503);
    assert.equal((await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body })).status, 200);
    assert.throws(() => arm.simulator.failNext({ status: 200 }), /InvalidFaultRule/);
  });

  it('records ARM requests (method, path, query, body, status, time), writes separately, and clears', async () => {
    await arm.http.request('GET', pricingPath(PROD, undefined, 'api-version=2024-01-01&$filter=name%20in%20(Api,CloudPosture)'));
    await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body: { properties: { pricingTier: 'Standard', subPlan: 'P2' } } });
    const [list, put] = arm.simulator.requests();
    assert.equal(list.method, 'GET');
    assert.equal(list.path, `/subscriptions/${PROD}/providers/Microsoft.Security/pricings`);
    assert.deepEqual(list.query, { 'api-version': '2024-01-01', $filter: 'name in (Api,CloudPosture)' });
    assert.equal(list.status, 200);
    assert.ok(!Number.isNaN(Date.parse(list.time)));
    assert.deepEqual(put.body, { properties: { pricingTier: 'Standard', subPlan: 'P2' } });
    assert.deepEqual(arm.simulator.writes().map((request) => request.method), ['PUT']);

    const overHttp = await arm.http.request('GET', '/_simulator/requests', { authorization: null });
    assert.equal(overHttp.status, 200);
    assert.equal(overHttp.body.length, 2, 'control routes need no auth and are not logged');
    assert.equal((await arm.http.request('DELETE', '/_simulator/requests', { authorization: null })).status, 204);
    assert.deepEqual(arm.simulator.requests(), []);
  });

  it('sets faults over HTTP for a standalone simulator, rejecting bad values', async () => {
    const set = await arm.http.request('PUT', '/_simulator/faults', { body: { throttleRate: 1, retryAfterMs: 10 }, authorization: null });
    assert.equal(set.status, 200);
    assert.equal((await arm.http.request('GET', pricingPath(PROD, 'Api'))).status, 429);
    const bad = await arm.http.request('PUT', '/_simulator/faults', { body: { throttleRate: 2 }, authorization: null });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /faults\.throttleRate/);
  });

  it('keeps connections alive across requests', async () => {
    const sockets = new Set<unknown>();
    arm.http.agent.on('free', (socket) => sockets.add(socket));
    for (let index = 0; index < 5; index += 1) await arm.http.request('GET', pricingPath(PROD, 'Api'));
    assert.equal(sockets.size, 1, 'five sequential requests should reuse one socket');
  });
});
