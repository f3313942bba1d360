import assert from 'node:assert/strict';
import { AzureAuthorityHosts } from '@azure/identity';
import { AuthenticationConstants, GovernmentConstants } from 'botframework-connector';
import { CallerIdConstants } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { CLOUD_NAMES, CLOUDS } from '../../src/config/clouds';
import { configError } from '../support/configError';

const APPROVER = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';
const PRODUCTION = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', DEFENDER_APPROVERS: APPROVER, DEFENDER_ALLOWED_TENANTS: TENANT };

describe('loadConfig: MicrosoftAppType', () => {
  it('is required in production: no silent MultiTenant, one line naming the choices and why', () => {
    const error = configError(PRODUCTION);
    assert.equal(error.variable, 'MicrosoftAppType');
    assert.doesNotMatch(error.message, /\n/);
    assert.match(error.message, /^MicrosoftAppType: is required in production and has no default\./);
    for (const choice of ['SingleTenant', 'UserAssignedMSI', 'MultiTenant']) assert.ok(error.message.includes(choice), choice);
    assert.match(error.message, /cannot be created since 31 July 2025/);
    assert.match(error.message, /SingleTenant app run as MultiTenant fails every outbound call/);
  });

  it('refuses an unknown type with the same choices, and reads the known ones in any letter case', () => {
    const error = configError({ ...PRODUCTION, MicrosoftAppType: 'Multi' });
    assert.match(error.message, /^MicrosoftAppType: "Multi" is not an app type\. .*SingleTenant.*UserAssignedMSI.*MultiTenant/);
    const config = loadConfig({ ...PRODUCTION, MicrosoftAppType: 'singletenant', MicrosoftAppTenantId: TENANT }, '/tmp');
    assert.deepEqual(config.botCredentials, { kind: 'secret', appId: 'app', appPassword: 'secret', appType: 'SingleTenant', tenantId: TENANT });
  });

  it('keeps each type\'s own requirements: a tenant for SingleTenant and UserAssignedMSI, a secret for the others', () => {
    assert.equal(configError({ ...PRODUCTION, MicrosoftAppType: 'SingleTenant' }).variable, 'MicrosoftAppTenantId');
    const { MicrosoftAppPassword: _secret, ...withoutSecret } = PRODUCTION;
    assert.equal(configError({ ...withoutSecret, MicrosoftAppType: 'MultiTenant' }).variable, 'MicrosoftAppPassword');
    assert.deepEqual(loadConfig({ ...withoutSecret, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT }, '/tmp').botCredentials, {
      kind: 'managed-identity',
      appId: 'app',
      tenantId: TENANT,
    });
  });

  it('is not needed in demo mode, which has no app id', () => {
    assert.deepEqual(loadConfig({}, '/tmp').botCredentials, { kind: 'anonymous' });
  });
});

describe('loadConfig: DEFENDER_CLOUD', () => {
  const production = { ...PRODUCTION, MicrosoftAppType: 'MultiTenant' };

  it('defaults to AzurePublic, and sets the ARM endpoint of the cloud unless DEFENDER_ARM_ENDPOINT says otherwise', () => {
    const publicConfig = loadConfig(production, '/tmp');
    assert.equal(publicConfig.cloud.name, 'AzurePublic');
    assert.deepEqual(publicConfig.arm, { kind: 'azure', endpoint: 'https://management.azure.com' });
    const china = loadConfig({ ...production, DEFENDER_CLOUD: 'azurechina' }, '/tmp');
    assert.equal(china.cloud, CLOUDS.AzureChina);
    assert.deepEqual(china.arm, { kind: 'azure', endpoint: 'https://management.chinacloudapi.cn' });
    const overridden = loadConfig({ ...production, DEFENDER_CLOUD: 'AzureUSGovernment', DEFENDER_ARM_ENDPOINT: 'https://arm.contoso.test' }, '/tmp');
    assert.deepEqual(overridden.arm, { kind: 'azure', endpoint: 'https://arm.contoso.test' });
    assert.equal(overridden.cloud.botFramework.oAuthScope, 'https://api.botframework.us');
  });

  it('refuses a name that is not a cloud, listing the four', () => {
    const error = configError({ ...production, DEFENDER_CLOUD: 'AzureGermany' });
    assert.equal(error.variable, 'DEFENDER_CLOUD');
    assert.match(error.message, /^DEFENDER_CLOUD: "AzureGermany" is not a cloud\. Use AzurePublic, AzureUSGovernment, AzureUSGovernmentDoD, AzureChina/);
  });
});

describe('the cloud table (src/config/clouds.ts)', () => {
  it('has a row for every name, each with absolute https URLs', () => {
    assert.deepEqual(Object.keys(CLOUDS).sort(), [...CLOUD_NAMES].sort());
    for (const cloud of Object.values(CLOUDS)) {
      const { botFramework: bf } = cloud;
      for (const url of [bf.oAuthUrl, bf.loginHost, bf.oAuthScope, bf.tokenIssuer, bf.openIdMetadataUrl, bf.emulatorOpenIdMetadataUrl, cloud.armEndpoint, cloud.authorityHost]) {
        assert.equal(new URL(url).protocol, 'https:', `${cloud.name}: ${url}`);
      }
      assert.doesNotMatch(bf.loginHost, /\/$/, 'the tenant is appended after a slash');
    }
  });

  it('uses @azure/identity\'s own authority hosts', () => {
    assert.equal(CLOUDS.AzurePublic.authorityHost, AzureAuthorityHosts.AzurePublicCloud);
    assert.equal(CLOUDS.AzureUSGovernment.authorityHost, AzureAuthorityHosts.AzureGovernment);
    assert.equal(CLOUDS.AzureUSGovernmentDoD.authorityHost, AzureAuthorityHosts.AzureGovernment);
    assert.equal(CLOUDS.AzureChina.authorityHost, AzureAuthorityHosts.AzureChina);
  });

  it('agrees with the constants botbuilder itself uses for the public and US Government clouds', () => {
    const pub = CLOUDS.AzurePublic.botFramework;
    assert.equal(`${pub.loginHost}/`, AuthenticationConstants.ToChannelFromBotLoginUrlPrefix);
    assert.equal(pub.channelAuthTenant, AuthenticationConstants.DefaultChannelAuthTenant);
    assert.equal(pub.oAuthScope, AuthenticationConstants.ToChannelFromBotOAuthScope);
    assert.equal(pub.tokenIssuer, AuthenticationConstants.ToBotFromChannelTokenIssuer);
    assert.equal(pub.openIdMetadataUrl, AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl);
    assert.equal(pub.callerId, CallerIdConstants.PublicAzureChannel);
    for (const name of ['AzureUSGovernment', 'AzureUSGovernmentDoD'] as const) {
      const gov = CLOUDS[name].botFramework;
      assert.equal(gov.channelService, GovernmentConstants.ChannelService);
      assert.equal(`${gov.loginHost}/${gov.channelAuthTenant}`, GovernmentConstants.ToChannelFromBotLoginUrl);
      assert.equal(gov.oAuthScope, GovernmentConstants.ToChannelFromBotOAuthScope);
      assert.equal(gov.tokenIssuer, GovernmentConstants.ToBotFromChannelTokenIssuer);
      assert.equal(gov.openIdMetadataUrl, GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl);
      assert.equal(gov.emulatorOpenIdMetadataUrl, GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl);
      assert.equal(gov.callerId, CallerIdConstants.USGovChannel);
    }
    // GCC High and DoD differ only in the user token service (the documented OAuthUrl of each).
    assert.notEqual(CLOUDS.AzureUSGovernment.botFramework.oAuthUrl, CLOUDS.AzureUSGovernmentDoD.botFramework.oAuthUrl);
  });
});
