import assert from 'node:assert/strict';
import { DefaultAzureCredential } from '@azure/identity';
import { LazyDefaultAzureCredential, SIMULATOR_TOKEN, SimulatorCredential, createArmCredential } from '../../src/azure/credentials';

describe('createArmCredential', () => {
  it('gives the simulator an obviously fake, long-lived token', async () => {
    const credential = createArmCredential({ kind: 'simulator' });
    assert.ok(credential instanceof SimulatorCredential);
    const token = await credential.getToken();
    assert.equal(token?.token, SIMULATOR_TOKEN);
    assert.ok(token!.expiresOnTimestamp > Date.now() + 24 * 60 * 60 * 1000);
  });

  it('uses DefaultAzureCredential for Azure, created on first use', () => {
    const credential = createArmCredential({ kind: 'azure', managedIdentityClientId: '00000000-0000-0000-0000-000000000001' });
    assert.ok(credential instanceof LazyDefaultAzureCredential);
    assert.ok(credential.resolve() instanceof DefaultAzureCredential);
    assert.equal(credential.resolve(), credential.resolve(), 'one DefaultAzureCredential, reused');
  });
});
