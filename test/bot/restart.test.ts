import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VERBS } from '../../src/cards';
import { startArmSimulator, type ArmSimulator } from '../../src/azure/simulator';
import { createBotHarness } from './harness';
import { APPROVER } from './people';
import { openRequest, pricingPuts } from './requestFlow';

describe('a restart between request and approval', () => {
  let dataDir: string;
  let simulator: ArmSimulator;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-restart-'));
    simulator = await startArmSimulator({ port: 0 });
  });
  after(async () => {
    await simulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing: the new process approves the request and updates the card the old one posted', async () => {
    const before = await createBotHarness({ dataDir, simulator });
    const { approveData, requestId, requestCardActivity } = await openRequest(before);
    await before.close();

    const after = await createBotHarness({ dataDir, simulator });
    try {
      await after.click(VERBS.approve, approveData, APPROVER);
      await after.settle();
      assert.equal((await after.deps.approvals.get(requestId))?.status, 'succeeded');
      assert.equal(pricingPuts(after).length, 2);
      assert.ok(after.adapter.updates.some((update) => update.id === requestCardActivity.id), 'the card posted before the restart was updated');
    } finally {
      await after.close();
    }
  });
});
