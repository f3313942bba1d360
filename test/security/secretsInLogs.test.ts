/**
 * Threat: secrets leak through logs (a log workspace is read by more people than the key vault). A whole run
 * with errors — ARM 403, 409 and 500, an internal error thrown inside a turn, a storage start-up failure — is
 * logged at debug level, and none of the planted secrets appears. Users see no stack trace either.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { SIMULATOR_TOKEN } from '../../src/azure/credentials';
import { VERBS } from '../../src/cards';
import { loadConfig } from '../../src/config';
import { startDefenderBot } from '../../src/index';
import { messageActivity } from '../bot/conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../bot/harness';
import { APPROVER, REQUESTER } from '../bot/people';
import { openRequest } from '../bot/requestFlow';
import { captureLog, type CapturedLog } from './support/logCapture';

const PLANTED_ACCOUNT_KEY = Buffer.from('planted-storage-account-key-0123456789abcdef').toString('base64');
const PLANTED_CONNECTION_STRING = `DefaultEndpointsProtocol=http;AccountName=plantedaccount;AccountKey=${PLANTED_ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:9/plantedaccount;`;
const STACK_TRACE = /\n\s+at |node_modules|\.ts:\d+|TypeError|Cannot read properties/;

function assertNoSecrets(text: string) {
  for (const secret of [SIMULATOR_TOKEN, PLANTED_ACCOUNT_KEY, 'AccountKey=', 'Bearer ']) assert.ok(!text.includes(secret), `"${secret}" appears in the log`);
}

describe('security: no secrets in logs, no stack traces in chat', () => {
  let bot: BotHarness;
  let log: CapturedLog;
  before(async () => {
    log = captureLog('debug');
    bot = await createBotHarness({ logger: log.logger });
  });
  after(() => bot.close());

  it('threat: ARM failures (403, 409, 500) during execution are reported without tokens or stack traces', async () => {
    for (const [status, code] of [[403, 'AuthorizationFailed'], [409, 'Conflict'], [500, 'InternalServerError']] as const) {
      const request = await openRequest(bot);
      bot.simulator.failNext({ method: 'PUT', status, code, count: 20 });
      await bot.click(VERBS.approve, request.approveData, APPROVER);
      await bot.settle();
      const finalCard = cardText(cardOf(bot.adapter.updates.at(-1)));
      assert.match(finalCard, /failed/i, `the ${status} reached the card`);
      assert.doesNotMatch(finalCard, STACK_TRACE);
      assertNoSecrets(finalCard);
    }
    assertNoSecrets(log.text());
  });

  it('threat: ARM refusing a read (500 after retries) reaches the error sink with a one-sentence answer and no stack', async () => {
    bot.simulator.failNext({ method: 'GET', pathIncludes: '/providers/Microsoft.Security/pricings', status: 500, count: 20 });
    const replies = await bot.send('status "Legacy Billing"', REQUESTER);
    const text = cardText(cardOf(replies.at(-1)));
    assert.doesNotMatch(text, STACK_TRACE);
    assert.match(text, /reference [0-9a-f]{12}/, 'the user gets a reference to give an admin');
    assertNoSecrets(log.text());
  });

  it('threat: an internal error thrown inside a turn is logged in full but the user sees one sentence and a reference', async () => {
    // A mention entity without `mentioned` makes botbuilder's mention removal throw a TypeError mid-turn.
    const broken: Partial<Activity> = { ...messageActivity('help', REQUESTER), entities: [{ type: 'mention', text: '<at>x</at>' }] };
    const replies = await bot.process(broken);
    const text = cardText(cardOf(replies.at(-1)));
    assert.match(text, /internal error/);
    assert.doesNotMatch(text, STACK_TRACE);
    const failure = log.lines().filter((line) => line.msg === 'turn failed').at(-1);
    assert.ok(failure, 'the failure is logged');
    assert.match(JSON.stringify(failure), /TypeError/, 'the log has the whole error for the admin');
    assertNoSecrets(log.text());
  });

  it('threat: a storage connection string that fails at start-up appears in neither the error nor the log', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-secrets-'));
    const startupLog = captureLog('debug');
    try {
      const config = loadConfig({ PORT: '0', DEFENDER_SIMULATOR_PORT: '0', DEFENDER_DATA_DIR: dataDir, DEFENDER_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: PLANTED_CONNECTION_STRING }, dataDir);
      const failure = await startDefenderBot(config, { logger: startupLog.logger }).then(
        async (running) => {
          await running.close();
          return undefined;
        },
        (error: unknown) => error,
      );
      assert.ok(failure instanceof Error, 'start-up fails: nothing listens on that endpoint');
      assertNoSecrets(`${failure.message}\n${failure.stack}\n${JSON.stringify(failure)}\n${startupLog.text()}`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
