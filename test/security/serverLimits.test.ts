/**
 * Threat: malformed or hostile HTTP bodies (wrong content type, deep nesting, prototype keys, huge bodies)
 * crash the process or wedge it. Each is refused with a 4xx and the server stays up. (Demo mode: the same
 * restify front door as production, without the JWT check in the way.)
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startDefenderBot, type RunningBot } from '../../src/index';
import { captureLog } from './support/logCapture';

describe('security: HTTP front door limits', () => {
  let bot: RunningBot;
  let dataDir: string;
  const log = captureLog('debug');

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-limits-'));
    bot = await startDefenderBot(loadConfig({ PORT: '0', DEFENDER_SIMULATOR_PORT: '0', DEFENDER_DATA_DIR: dataDir }, dataDir), { logger: log.logger });
  });
  after(async () => {
    await bot.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

  async function assertStillServing() {
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  }

  it('threat: a body of another content type is refused (415), not guessed at', async () => {
    for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post(JSON.stringify({ type: 'message', text: 'help' }), contentType);
      assert.ok([400, 415].includes(response.status), `${contentType} → ${response.status}`);
    }
    await assertStillServing();
  });

  it('threat: deeply nested JSON is refused or ignored, never a crash', async () => {
    const depth = 100_000;
    for (const body of ['['.repeat(depth) + ']'.repeat(depth), `{"type":"message","value":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`]) {
      const response = await post(body);
      assert.ok(response.status < 500, `status ${response.status}`);
    }
    await assertStillServing();
  });

  it('threat: prototype keys in the body do not pollute Object.prototype', async () => {
    const response = await post('{"type":"typing","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
    assert.ok(response.status < 500, `status ${response.status}`);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    await assertStillServing();
  });

  it('threat: bodies that are not an activity get 400 with a coded, stack-free message', async () => {
    for (const body of ['null', '"message"', '42', '{"type":5}', '{"type":"message", ']) {
      const response = await post(body);
      assert.equal(response.status, 400, body);
      const text = await response.text();
      assert.doesNotMatch(text, /\s+at \S+ \(|node_modules|\.ts:\d+/, `no stack trace in the answer to ${body}`);
    }
    await assertStillServing();
  });

  it('threat: a body over 256 KB is refused with 413 before it is parsed', async () => {
    assert.equal((await post(JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }))).status, 413);
    await assertStillServing();
  });
});
