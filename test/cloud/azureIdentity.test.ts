import assert from 'node:assert/strict';
import { DefaultAzureCredential } from '@azure/identity';
import { CLOUDS } from '../../src/config';
import { createArmCredential, LazyDefaultAzureCredential } from '../../src/azure/credentials';
import { azureCredentialOptions } from '../../src/wiring/azureIdentity';

describe('DEFENDER_CLOUD for ARM and blob storage sign-in', () => {
  it('signs in at the cloud\'s authority host, as the bot\'s managed identity when it has one', () => {
    const options = azureCredentialOptions({ botCredentials: { kind: 'managed-identity', appId: 'mi-client-id', tenantId: 't' }, cloud: CLOUDS.AzureUSGovernment });
    assert.deepEqual(options, { kind: 'azure', managedIdentityClientId: 'mi-client-id', authorityHost: 'https://login.microsoftonline.us' });
    const credential = createArmCredential(options);
    assert.ok(credential instanceof LazyDefaultAzureCredential);
    assert.deepEqual(credential.options, { managedIdentityClientId: 'mi-client-id', authorityHost: 'https://login.microsoftonline.us' });
    assert.ok(credential.resolve() instanceof DefaultAzureCredential);
  });

  it('leaves the identity to DefaultAzureCredential for app id + secret bots, still in the right cloud', () => {
    const secret = { kind: 'secret', appId: 'a', appPassword: 'p', appType: 'SingleTenant', tenantId: 't' } as const;
    assert.deepEqual(azureCredentialOptions({ botCredentials: secret, cloud: CLOUDS.AzureChina }), { kind: 'azure', managedIdentityClientId: undefined, authorityHost: 'https://login.chinacloudapi.cn' });
  });
});
