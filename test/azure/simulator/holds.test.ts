/** sim.hold(): matching requests stay in flight inside the simulator until released, and are counted. */
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { pricingPath } from './armHttp';
import { useArmSimulator } from './armSimulatorFixture';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;
const TURN_API_ON = { properties: { pricingTier: 'Standard', subPlan: 'P1' } };

describe('ARM simulator: holds', () => {
  const arm = useArmSimulator({ per: 'test' });

  it('keeps matching requests in flight, unanswered and without effect, until released; others pass', async () => {
    const puts = arm.simulator.hold({ method: 'PUT', pathIncludes: '/pricings/api' });
    const put = arm.http.request('PUT', pricingPath(PROD, 'Api'), { body: TURN_API_ON });
    await puts.untilHeld(1);
    assert.equal((await arm.http.request('GET', pricingPath(PROD, 'Api'))).body.properties.pricingTier, 'Free', 'a held PUT has changed nothing yet');
    assert.deepEqual(puts.held(), [{ method: 'PUT', path: `/subscriptions/${PROD}/providers/Microsoft.Security/pricings/Api` }]);
    puts.release();
    assert.equal((await put).status, 200);
    assert.equal((await arm.http.request('GET', pricingPath(PROD, 'Api'))).body.properties.pricingTier, 'Standard');
    assert.deepEqual(puts.held(), []);
  });

  it('counts the most it held at once, releases oldest first, and stop() lets everything through', async () => {
    const reads = arm.simulator.hold({ method: 'GET' });
    const answers = ['Api', 'CloudPosture', 'VirtualMachines'].map((name) => arm.http.request('GET', pricingPath(PROD, name)));
    await reads.untilHeld(3);
    const [oldest, ...others] = reads.held();
    reads.release(1);
    assert.deepEqual(reads.held(), others);
    assert.equal((await answers[['Api', 'CloudPosture', 'VirtualMachines'].indexOf(String(oldest.path.split('/').pop()))]).status, 200);
    reads.stop();
    await Promise.all(answers);
    assert.equal((await arm.http.request('GET', pricingPath(PROD, 'Api'))).status, 200, 'a stopped hold keeps nothing');
    assert.equal(reads.peak, 3);
  });

  it('untilHeld fails with what it holds when the count is never reached', async () => {
    const puts = arm.simulator.hold({ method: 'PUT' });
    const put = arm.http.request('PUT', pricingPath(PROD, 'Api'), { body: TURN_API_ON });
    await assert.rejects(puts.untilHeld(2, { timeoutInMs: 200 }), /^Error: HoldTimeout: 2 requests were never in flight at once within 200 ms; 1 were \(PUT \/subscriptions\/.*\/pricings\/Api\)\.$/);
    puts.release();
    assert.equal((await put).status, 200);
  });
});
