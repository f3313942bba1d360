/**
 * DEFENDER_CLOUD reaches botbuilder under the key names it reads: the real ConfigurationBotFrameworkAuthentication
 * and credentials factory are built for every cloud and app type, and what they will use is read back. Nothing is
 * sent: botbuilder creates its MSAL client only when a token is first asked for.
 */
import assert from 'node:assert/strict';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { CLOUD_NAMES, CLOUDS, type BotCredentials } from '../../src/config';
import { botFrameworkAuthOptions, connectorLoginUrl, createAdapter } from '../../src/bot/host/adapter';

const TENANT = '7a1f0c3e-5b2d-4e6f-8a9b-0c1d2e3f4a5b';
const APP_ID = '3c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f';
const IDENTITIES: Record<string, Exclude<BotCredentials, { kind: 'anonymous' }>> = {
  SingleTenant: { kind: 'secret', appId: APP_ID, appPassword: 'not-a-real-secret', appType: 'SingleTenant', tenantId: TENANT },
  MultiTenant: { kind: 'secret', appId: APP_ID, appPassword: 'not-a-real-secret', appType: 'MultiTenant' },
  UserAssignedMSI: { kind: 'managed-identity', appId: APP_ID, tenantId: TENANT },
};

/** What ConfigurationBotFrameworkAuthentication resolved, read from the ParameterizedBotFrameworkAuthentication inside. */
function resolvedSettings(auth: ConfigurationBotFrameworkAuthentication): Record<string, unknown> {
  const inner = (auth as unknown as { inner: Record<string, unknown> }).inner;
  assert.equal(inner.constructor.name, 'ParameterizedBotFrameworkAuthentication');
  const keys = ['toChannelFromBotLoginUrl', 'toChannelFromBotOAuthScope', 'toBotFromChannelTokenIssuer', 'oAuthUrl', 'toBotFromChannelOpenIdMetadataUrl', 'toBotFromEmulatorOpenIdMetadataUrl', 'callerId', 'validateAuthority'];
  return Object.fromEntries(keys.map((key) => [key, inner[key]]));
}

describe('DEFENDER_CLOUD in the Bot Framework adapter', () => {
  for (const name of CLOUD_NAMES) {
    const cloud = CLOUDS[name];
    const bf = cloud.botFramework;
    for (const [appType, credentials] of Object.entries(IDENTITIES)) {
      it(`${name}, ${appType}: botbuilder validates inbound tokens and signs outbound calls with this cloud's values`, () => {
        const tenant = appType === 'MultiTenant' ? bf.channelAuthTenant : TENANT;
        const auth = new ConfigurationBotFrameworkAuthentication(botFrameworkAuthOptions(credentials, cloud));
        assert.deepEqual(resolvedSettings(auth), {
          toChannelFromBotLoginUrl: `${bf.loginHost}/${tenant}`,
          toChannelFromBotOAuthScope: bf.oAuthScope,
          toBotFromChannelTokenIssuer: bf.tokenIssuer,
          oAuthUrl: bf.oAuthUrl,
          toBotFromChannelOpenIdMetadataUrl: bf.openIdMetadataUrl,
          toBotFromEmulatorOpenIdMetadataUrl: bf.emulatorOpenIdMetadataUrl,
          callerId: bf.callerId,
          validateAuthority: true,
        });
      });
    }

    for (const appType of ['SingleTenant', 'MultiTenant'] as const) {
      it(`${name}, ${appType}: the app's token is asked of ${appType === 'SingleTenant' ? 'its own tenant' : 'the channel\'s tenant'} at this cloud's login host, for this cloud's Bot Connector`, async () => {
        const credentials = IDENTITIES[appType];
        const adapter = createAdapter(credentials, cloud);
        const appCredentials = (await adapter.credentialsFactory.createCredentials(APP_ID, bf.oAuthScope, connectorLoginUrl(credentials, cloud), bf.validateAuthority)) as unknown as {
          oAuthEndpoint: string;
          oAuthScope: string;
        };
        const tenant = appType === 'SingleTenant' ? TENANT : bf.channelAuthTenant;
        assert.equal(appCredentials.oAuthEndpoint.toLowerCase(), `${bf.loginHost}/${tenant}`.toLowerCase());
        assert.equal(appCredentials.oAuthScope, bf.oAuthScope);
      });
    }
  }

  it('signs replies and answers /readyz with one credentials factory, the one inbound validation uses too', () => {
    const adapter = createAdapter(IDENTITIES.SingleTenant, CLOUDS.AzureUSGovernment);
    const auth = (adapter as unknown as { botFrameworkAuthentication: { inner: { credentialsFactory: unknown } } }).botFrameworkAuthentication;
    assert.equal(auth.inner.credentialsFactory, adapter.credentialsFactory);
  });

  it('stays anonymous in demo mode: no cloud keys, authentication disabled', async () => {
    assert.deepEqual(botFrameworkAuthOptions({ kind: 'anonymous' }, CLOUDS.AzureChina), {});
    assert.equal(await createAdapter({ kind: 'anonymous' }, CLOUDS.AzurePublic).credentialsFactory.isAuthenticationDisabled(), true);
  });
});
