/**
 * /readyz's Bot Connector check, offline: botbuilder's own credentials factory (the adapter's) asks a loopback
 * managed identity endpoint for a token, for the Bot Connector audience of DEFENDER_CLOUD. The check is cached,
 * names the cloud, says what to check when it fails, and never shows the token.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLOUDS, loadConfig, type AppConfig, type BotCredentials } from '../../src/config';
import { createAdapter } from '../../src/bot/adapter';
import { createLogger } from '../../src/logging';
import { startDefenderBot } from '../../src/index';
import { connectorTokenChecks, CONNECTOR_TOKEN_FAILURE_TTL_IN_MS, CONNECTOR_TOKEN_SUCCESS_TTL_IN_MS } from '../../src/wiring/botConnectorReadiness';
import { ManualClock } from '../support/manualClock';
import { IDENTITY_HEADER, startLoopbackManagedIdentity, type LoopbackManagedIdentity } from './loopbackManagedIdentity';

const TENANT = '5d3f1a2b-8c7e-4b6a-9f0e-1d2c3b4a5f6e';
const APPROVER = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const managedIdentity = (appId: string): BotCredentials => ({ kind: 'managed-identity', appId, tenantId: TENANT });

function checkFor(credentials: BotCredentials, cloud: AppConfig['cloud'], clock: ManualClock) {
  const [check] = connectorTokenChecks({ credentials, cloud, credentialsFactory: createAdapter(credentials, cloud).credentialsFactory, clock });
  assert.ok(check, 'a production bot has the check');
  return check;
}

describe('/readyz: a Bot Connector token can be acquired (loopback managed identity endpoint)', () => {
  let identity: LoopbackManagedIdentity;
  before(async () => {
    identity = await startLoopbackManagedIdentity();
  });
  after(() => identity.close());
  beforeEach(() => {
    identity.mode = 'ok';
  });

  it('asks for a token for the Bot Connector of DEFENDER_CLOUD, as the bot\'s managed identity, once per five minutes', async () => {
    const clock = new ManualClock();
    const appId = '0a1b2c3d-0000-4000-8000-000000000001';
    const check = checkFor(managedIdentity(appId), CLOUDS.AzureUSGovernment, clock);
    assert.match(check.detail ?? '', /^AzureUSGovernment \(Azure Government \(Teams GCC High\)\): a token for https:\/\/api\.botframework\.us from managed identity/);

    await check.check();
    const asked = identity.requestsFor('https://api.botframework.us');
    assert.deepEqual(asked, [{ resource: 'https://api.botframework.us', clientId: appId, identityHeader: IDENTITY_HEADER }]);

    clock.advance(CONNECTOR_TOKEN_SUCCESS_TTL_IN_MS - 1000);
    await check.check();
    await check.check();
    assert.equal(identity.requestsFor('https://api.botframework.us').length, 1, 'probes within five minutes reuse the answer');
    clock.advance(1000);
    await check.check();
    assert.equal(identity.requestsFor('https://api.botframework.us').length, 2, 'after five minutes it asks again');
  });

  it('fails in one line naming the cloud, the audience and what to check, without any token in it', async () => {
    identity.mode = 'refuse';
    const clock = new ManualClock();
    const appId = '0a1b2c3d-0000-4000-8000-000000000002';
    const check = checkFor(managedIdentity(appId), CLOUDS.AzureChina, clock);
    const error = await check.check().then(() => assert.fail('expected the check to fail'), (caught: Error) => caught);
    assert.doesNotMatch(error.message, /\n/);
    assert.match(error.message, new RegExp(`^AzureChina: no Bot Connector token for https://api\\.botframework\\.azure\\.cn from managed identity ${appId}: `));
    assert.match(error.message, new RegExp(`Check that the user-assigned managed identity ${appId} is assigned to this web app`));
    assert.match(error.message, /DEFENDER_CLOUD=AzureChina is the cloud of the Azure Bot resource$/);
    assert.doesNotMatch(error.message, /eyJ/, 'nothing that looks like a token');
    assert.ok(identity.requestsFor('https://api.botframework.azure.cn').length > 0, 'the loopback endpoint was asked');

    identity.mode = 'ok';
    clock.advance(CONNECTOR_TOKEN_FAILURE_TTL_IN_MS);
    await check.check();
  });

  it('takes the secret out of a refusal that quotes it, for app id + secret bots', async () => {
    const credentials: BotCredentials = { kind: 'secret', appId: 'app', appPassword: 'Zq9~planted-secret', appType: 'SingleTenant', tenantId: TENANT };
    const refusing = {
      createCredentials: async () => ({
        getToken: async () => {
          throw new Error('AADSTS7000215: Invalid client secret provided: Zq9~planted-secret (token eyJhbGciOiJSUzI1NiJ9.abcdefghij.c2ln)');
        },
      }),
    } as unknown as Parameters<typeof connectorTokenChecks>[0]['credentialsFactory'];
    const [check] = connectorTokenChecks({ credentials, cloud: CLOUDS.AzurePublic, credentialsFactory: refusing, clock: new ManualClock() });
    const error = await check.check().then(() => assert.fail('expected the check to fail'), (caught: Error) => caught);
    assert.match(error.message, /^AzurePublic: no Bot Connector token for https:\/\/api\.botframework\.com from https:\/\/login\.microsoftonline\.com\/5d3f1a2b-8c7e-4b6a-9f0e-1d2c3b4a5f6e for app app: AADSTS7000215/);
    assert.match(error.message, /Check MicrosoftAppId, MicrosoftAppPassword .* MicrosoftAppType=SingleTenant/);
    assert.doesNotMatch(error.message, /planted-secret|eyJ/);
  });

  it('is part of /readyz in production, naming the cloud; 503 with the reason when the token cannot be had', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-readyz-cloud-'));
    const appId = '0a1b2c3d-0000-4000-8000-000000000003';
    const production = loadConfig(
      {
        MicrosoftAppId: appId,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT,
        DEFENDER_CLOUD: 'AzureUSGovernmentDoD',
        DEFENDER_APPROVERS: APPROVER,
        DEFENDER_ALLOWED_TENANTS: TENANT,
        DEFENDER_HOST: '127.0.0.1',
        PORT: '0',
        DEFENDER_DATA_DIR: dataDir,
      },
      dataDir,
    );
    // Everything production except ARM, which is the in-process simulator so that /readyz can be all green offline.
    const config: AppConfig = { ...production, arm: { kind: 'simulator', simulator: { port: 0 } } };
    const clock = new ManualClock(new Date());
    const bot = await startDefenderBot(config, { logger: createLogger({ level: 'silent' }), clock });
    try {
      const ready = await fetch(`${bot.url}/readyz`);
      const text = await ready.text();
      assert.equal(ready.status, 200, text);
      const connector = JSON.parse(text).checks.find((check: { name: string }) => check.name === 'bot-connector');
      assert.equal(connector.ok, true);
      assert.match(connector.detail, /^AzureUSGovernmentDoD \(Azure Government \(Teams DoD\)\)/);
      assert.ok(!text.includes(identity.token), 'the token is not in /readyz');
      assert.equal(identity.requestsFor('https://api.botframework.us').filter((request) => request.clientId === appId).length, 1);

      identity.mode = 'refuse';
      clock.advance(CONNECTOR_TOKEN_SUCCESS_TTL_IN_MS);
      const notReady = await fetch(`${bot.url}/readyz`);
      const failed = JSON.parse(await notReady.text()).checks.find((check: { name: string }) => check.name === 'bot-connector');
      assert.equal(notReady.status, 503);
      assert.equal(failed.ok, false);
      assert.match(failed.problem, /^AzureUSGovernmentDoD: no Bot Connector token .* Check that the user-assigned managed identity/);
    } finally {
      await bot.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
