/**
 * Threat: anyone on the network posts a forged activity ("I am the approver, approve req_…") straight to
 * /api/messages. Production has no anonymous path: CloudAdapter validates the Bot Framework JWT first.
 */
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';
import { captureConsole } from './support/logCapture';
import { APPROVER_ID, PLANTED_APP_PASSWORD, PLANTED_BEARER_TOKEN, startProductionBot, teamsMessage, TENANT, type ProductionBot } from './support/productionBot';

async function postActivity(url: string, body: unknown, authorization?: string) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
}

describe('security: inbound authentication (production mode)', () => {
  let production: ProductionBot;
  let consoleOutput: ReturnType<typeof captureConsole>;
  before(async () => {
    consoleOutput = captureConsole();
    production = await startProductionBot();
  });
  after(async () => {
    consoleOutput.restore();
    await production.close();
  });

  const attempts = [
    { name: 'no Authorization header', authorization: undefined },
    { name: 'a garbage bearer token', authorization: `Bearer ${PLANTED_BEARER_TOKEN}` },
    { name: 'a non-bearer scheme', authorization: 'Basic YWRtaW46YWRtaW4=' },
  ];

  for (const attempt of attempts) {
    it(`threat: a forged activity with ${attempt.name} gets 401 and no handler runs`, async () => {
      const before = { replies: production.connector.calls.length, arm: production.simulator.requests().length };
      const response = await postActivity(production.messagesUrl, teamsMessage(production.connector.url, 'status "Contoso Prod"'), attempt.authorization);
      assert.equal(response.status, 401);
      await production.bot.background.drain();
      assert.equal(production.connector.calls.length, before.replies, 'no reply was sent anywhere');
      assert.equal(production.simulator.requests().length, before.arm, 'no ARM call was made');
      assert.ok(!production.log.text().includes('"msg":"turn failed"'), 'no turn ran, so none failed');
    });
  }

  it('threat: a forged activity with an unsigned JWT (alg none) is refused and no handler runs', async () => {
    const before = { replies: production.connector.calls.length, arm: production.simulator.requests().length };
    const response = await postActivity(production.messagesUrl, teamsMessage(production.connector.url, 'help'), `Bearer ${unsignedJwt()}`);
    // 401 where the validator can fetch Bot Framework's signing keys; 500 offline (this sandbox), never a 2xx.
    assert.ok(response.status === 401 || response.status === 500, `status ${response.status}`);
    assert.equal(production.connector.calls.length, before.replies, 'no reply was sent anywhere');
    assert.equal(production.simulator.requests().length, before.arm, 'no ARM call was made');
  });

  it('threat: a forged approval invoke without a valid JWT gets 401 and writes nothing', async () => {
    const invoke = {
      ...teamsMessage(production.connector.url),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'approve', data: { requestId: 'req_aaaaaaaaaaaaaaaaaaaa', planHash: 'a'.repeat(64) } } },
    };
    const response = await postActivity(production.messagesUrl, invoke, `Bearer ${PLANTED_BEARER_TOKEN}`);
    assert.equal(response.status, 401);
    assert.deepEqual(production.simulator.writes(), []);
  });

  it('threat: the refused token and the app secret appear in no log line, ours or the adapter\'s', () => {
    const everything = production.log.text() + consoleOutput.text();
    assert.ok(everything.length > 0, 'the refusals were logged somewhere');
    for (const secret of [PLANTED_BEARER_TOKEN, PLANTED_APP_PASSWORD, 'planted-bearer-token']) assert.ok(!everything.includes(secret), `"${secret}" leaked into a log`);
  });

  it('still answers health checks without a token (they reveal nothing)', async () => {
    assert.equal((await fetch(`${production.bot.url}/healthz`)).status, 200);
  });

  it('threat: production refuses to start without bot credentials, whatever else is set', () => {
    const everythingElse = { DEFENDER_MODE: 'production', DEFENDER_APPROVERS: APPROVER_ID, DEFENDER_ALLOWED_TENANTS: TENANT, DEFENDER_HOST: '0.0.0.0', DEFENDER_ARM_ENDPOINT: 'https://management.azure.com' };
    assert.throws(() => loadConfig(everythingElse, '/tmp'), (error: unknown) => error instanceof ConfigError && error.variable === 'MicrosoftAppId');
    assert.throws(() => loadConfig({ ...everythingElse, MicrosoftAppId: 'x', MicrosoftAppType: 'SingleTenant' }, '/tmp'), (error: unknown) => error instanceof ConfigError && error.variable === 'MicrosoftAppPassword');
    // An app password without an id is no way around it either.
    assert.throws(() => loadConfig({ ...everythingElse, MicrosoftAppPassword: 'x' }, '/tmp'), ConfigError);
  });
});

/** `{"alg":"none"}` with Bot Framework-looking claims: validators must not accept an unsigned token. */
function unsignedJwt(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: 'https://api.botframework.com', aud: 'any', exp: now + 3600, nbf: now - 60 })}.`;
}
