/** The simulator and a bare ResourceGraphClient on the real ArmTransport (for tests below DefenderClient). */
import assert from 'node:assert/strict';
import { ArmTransport } from '../../../src/azure/armTransport';
import { SimulatorCredential } from '../../../src/azure/credentials';
import { ResourceGraphClient, type ResourceGraphClientOptions } from '../../../src/azure/resourceGraph/resourceGraphClient';
import { startArmSimulator, type SimulatorSeed } from '../../../src/azure/simulator';

export async function startGraph(seed: SimulatorSeed, options: Partial<ResourceGraphClientOptions> = {}) {
  const simulator = await startArmSimulator({ port: 0, seed });
  const transport = new ArmTransport({ credential: new SimulatorCredential(), endpoint: simulator.url, caCertificate: simulator.caCertificate, now: () => new Date(), retryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 200 } });
  const graph = new ResourceGraphClient(transport, { clock: { now: () => new Date() }, listSubscriptionIdsFromArm: async () => assert.fail('the tenant limit is not hit here'), ...options });
  return { simulator, transport, graph };
}

