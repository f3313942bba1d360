import assert from 'node:assert/strict';
import { ManualClock } from '../support/manualClock';
import { Harness, SUB_PROD, SUB_READONLY, startHarness } from './simulatorHarness';

describe('status reuses its slow-changing reads for a short time', () => {
  let harness: Harness;
  const clock = new ManualClock();
  beforeEach(async () => (harness = await startHarness(undefined, { clock, statusContextCacheTtlInMs: 30_000 })));
  afterEach(() => harness.close());

  const armPaths = () => harness.simulator.requests().map((request) => request.path);

  it('a repeated status reads only the pricings again, until the time is up', async () => {
    await harness.client.resolveSubscription(SUB_PROD); // as the bot does first; the list is cached separately
    await harness.client.getStatus(SUB_PROD);
    harness.simulator.clearRequests();
    await harness.client.getStatus(SUB_PROD);
    assert.deepEqual(armPaths(), [`/subscriptions/${SUB_PROD}/providers/Microsoft.Security/pricings`]);

    clock.advance(30_000);
    harness.simulator.clearRequests();
    await harness.client.getStatus(SUB_PROD);
    assert.ok(armPaths().some((path) => path.endsWith('/Microsoft.Authorization/permissions')), 'after the time is up, everything is read again');
  });

  it('shares one read among concurrent statuses, and keeps subscriptions apart', async () => {
    await Promise.all(Array.from({ length: 8 }, () => harness.client.getStatus(SUB_PROD)));
    const permissionReads = armPaths().filter((path) => path.endsWith('/Microsoft.Authorization/permissions'));
    assert.equal(permissionReads.length, 1);
    const readOnly = await harness.client.getStatus(SUB_READONLY);
    assert.equal(readOnly.canWritePricings, false);
  });

  it('does not keep a failed read', async () => {
    harness.simulator.failNext({ method: 'GET', pathIncludes: 'Microsoft.Authorization/permissions', status: 403, code: 'AuthorizationFailed', count: 1 });
    await assert.rejects(harness.client.getStatus(SUB_PROD));
    const status = await harness.client.getStatus(SUB_PROD);
    assert.equal(status.canWritePricings, true);
  });
});
