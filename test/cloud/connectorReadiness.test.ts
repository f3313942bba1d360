/**
 * /readyz's Bot Connector check, offline. The bot runs as `npm start` does, in production with a user-assigned
 * managed identity (what infra/azure.bicep deploys), its tokens coming from a loopback managed identity endpoint and
 * ARM being the simulator (trusted through NODE_EXTRA_CA_CERTS). The check asks botbuilder's own credentials factory
 * for a token for the Bot Connector of DEFENDER_CLOUD, is cached, names the cloud, says what to check when it fails,
 * and never shows the token. Expiry of the cached answer is tested in cachedProbe.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLOUDS, type BotCredentials } from '../../src/config';
import { connectorTokenChecks } from '../../src/wiring/botConnectorReadiness';
import { startArmSimulator, DEMO_SEED, type ArmSimulator } from '../../src/azure/simulator';
import { ManualClock } from '../support/manualClock';
import { listeningUrl, runBot, type BotProcess } from '../support/botProcess';
import { IDENTITY_HEADER, startLoopbackManagedIdentity, type LoopbackManagedIdentity } from './loopbackManagedIdentity';

const TENANT = '5d3f1a2b-8c7e-4b6a-9f0e-1d2c3b4a5f6e';
const APPROVER = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

interface ReadinessEntry { name: string; ok: boolean; detail?: string; problem?: string }

describe('/readyz in production: a Bot Connector token can be acquired (real process, loopback identity)', function () {
  this.timeout(60_000);
  let identity: LoopbackManagedIdentity;
  let simulator: ArmSimulator;
  let workDir: string;
  let caFile: string;
  const bots: BotProcess[] = [];

  before(async () => {
    identity = await startLoopbackManagedIdentity();
    simulator = await startArmSimulator({ port: 0, seed: DEMO_SEED });
    workDir = await mkdtemp(path.join(os.tmpdir(), 'defender-cloud-readyz-'));
    caFile = path.join(workDir, 'simulator-ca.pem');
    await writeFile(caFile, simulator.caCertificate);
  });
  after(async () => {
    for (const bot of bots) bot.child.kill('SIGKILL');
    await identity.close();
    await simulator.close();
    await rm(workDir, { recursive: true, force: true });
  });

  async function startBot(options: { cloud: string; appId: string }): Promise<string> {
    const bot = runBot({
      MicrosoftAppId: options.appId,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT,
      DEFENDER_CLOUD: options.cloud,
      DEFENDER_APPROVERS: APPROVER,
      DEFENDER_ALLOWED_TENANTS: TENANT,
      DEFENDER_ARM_ENDPOINT: simulator.url,
      NODE_EXTRA_CA_CERTS: caFile,
      DEFENDER_HOST: '127.0.0.1',
      PORT: '0',
      DEFENDER_DATA_DIR: path.join(workDir, options.appId),
      DEFENDER_LOG_LEVEL: 'info',
      ...identity.childEnvironment(),
    });
    bots.push(bot);
    return listeningUrl(bot);
  }

  async function readiness(url: string) {
    const response = await fetch(`${url}/readyz`);
    const text = await response.text();
    const checks = JSON.parse(text).checks as ReadinessEntry[];
    return { status: response.status, text, checks, connector: checks.find((check) => check.name === 'bot-connector') };
  }

  it('asks, as the bot\'s managed identity, for a token for the Bot Connector of DEFENDER_CLOUD, once for several probes, and shows no token', async () => {
    identity.mode = 'ok';
    const appId = '0a1b2c3d-0000-4000-8000-000000000001';
    const url = await startBot({ cloud: 'AzureUSGovernment', appId });
    const first = await readiness(url);
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.checks.map((check) => [check.name, check.ok]), [['storage', true], ['arm', true], ['subscriptions', true], ['bot-connector', true]]);
    assert.equal(first.connector?.detail, `AzureUSGovernment (Azure Government (Teams GCC High)): a token for https://api.botframework.us from managed identity ${appId}`);
    await readiness(url);
    await readiness(url);
    assert.deepEqual(identity.requestsFor('https://api.botframework.us'), [{ resource: 'https://api.botframework.us', clientId: appId, identityHeader: IDENTITY_HEADER }]);
    assert.ok(!first.text.includes(identity.token), 'the token is not in /readyz');
  });

  it('is 503 when the token cannot be had, in one line naming the cloud, the audience and what to check, with no token in it', async () => {
    identity.mode = 'refuse-bot-framework';
    const appId = '0a1b2c3d-0000-4000-8000-000000000002';
    const url = await startBot({ cloud: 'AzureChina', appId });
    const { status, text, checks, connector } = await readiness(url);
    assert.equal(status, 503, text);
    assert.deepEqual(checks.filter((check) => !check.ok).map((check) => check.name), ['bot-connector']);
    const problem = connector?.problem ?? '';
    assert.doesNotMatch(problem, /\n/);
    assert.match(problem, new RegExp(`^AzureChina: no Bot Connector token for https://api\\.botframework\\.azure\\.cn from managed identity ${appId}: ManagedIdentityCredential`));
    assert.match(problem, new RegExp(`Check that the user-assigned managed identity ${appId} is assigned to this web app`));
    assert.match(problem, /DEFENDER_CLOUD=AzureChina is the cloud of the Azure Bot resource$/);
    assert.ok(identity.requestsFor('https://api.botframework.azure.cn').length > 0, 'the loopback endpoint was asked');
    assert.doesNotMatch(text, /eyJ/, 'nothing that looks like a token, not even the one planted in the refusal');
  });
});

describe('the Bot Connector check for app id + secret bots', () => {
  it('takes the secret and anything token-like out of a refusal that quotes them', async () => {
    const credentials: BotCredentials = { kind: 'secret', appId: 'app', appPassword: 'Zq9~planted-secret', appType: 'SingleTenant', tenantId: TENANT };
    // Stands in for MSAL against Entra, which cannot be reached from here; the check's own code is what is tested.
    const refusing = {
      createCredentials: async () => ({
        getToken: async () => {
          throw new Error('AADSTS7000215: Invalid client secret provided: Zq9~planted-secret (token eyJhbGciOiJSUzI1NiJ9.abcdefghij.c2ln)');
        },
      }),
    } as unknown as Parameters<typeof connectorTokenChecks>[0]['credentialsFactory'];
    const [check] = connectorTokenChecks({ credentials, cloud: CLOUDS.AzurePublic, credentialsFactory: refusing, clock: new ManualClock() });
    const error = await check.check().then(() => assert.fail('expected the check to fail'), (caught: Error) => caught);
    assert.match(error.message, new RegExp(`^AzurePublic: no Bot Connector token for https://api\\.botframework\\.com from https://login\\.microsoftonline\\.com/${TENANT} for app app: AADSTS7000215`));
    assert.match(error.message, /Check MicrosoftAppId, MicrosoftAppPassword .* MicrosoftAppType=SingleTenant/);
    assert.doesNotMatch(error.message, /planted-secret|eyJ/);
  });

  it('is not there for an anonymous (demo) bot', () => {
    assert.deepEqual(connectorTokenChecks({ credentials: { kind: 'anonymous' }, cloud: CLOUDS.AzurePublic, credentialsFactory: {} as never, clock: new ManualClock() }), []);
  });
});
