/**
 * The server through a real HTTP round trip: the composition root in demo mode, a Bot Framework activity
 * POSTed to /api/messages, and the reply caught by a loopback connector standing in for Teams.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { startDefenderBot, type RunningBot } from '../src/index';

interface CapturedReply {
  method: string;
  url: string;
  body: { type?: string; attachments?: Array<{ contentType: string; content: unknown }> };
}

async function startLoopbackConnector() {
  const replies: CapturedReply[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      replies.push({ method: req.method!, url: req.url!, body: raw ? JSON.parse(raw) : {} });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, replies, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function post(url: string, body: string, contentType = 'application/json') {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('the bot server (demo mode, real HTTP)', () => {
  let bot: RunningBot;
  let dataDir: string;
  let connector: Awaited<ReturnType<typeof startLoopbackConnector>>;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-server-'));
    connector = await startLoopbackConnector();
    const config = loadConfig({ PORT: '0', DEFENDER_SIMULATOR_PORT: '0', DEFENDER_DATA_DIR: dataDir }, dataDir);
    bot = await startDefenderBot(config, { logger: createLogger({ level: 'silent' }) });
  });
  after(async () => {
    await bot.close();
    await connector.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is alive and ready (storage and ARM reachable, subscription directory loaded)', async () => {
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
    const ready = await fetch(`${bot.url}/readyz`);
    const body = await ready.json();
    assert.equal(ready.status, 200, JSON.stringify(body));
    assert.deepEqual(body.checks.map((check: { name: string; ok: boolean }) => [check.name, check.ok]), [['storage', true], ['arm', true], ['subscriptions', true]]);
  });

  it('answers `help` by POSTing a reply with an Adaptive Card to the serviceUrl', async () => {
    const response = await post(
      `${bot.url}/api/messages`,
      JSON.stringify({
        type: 'message',
        id: 'activity-1',
        text: 'help',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: '29:user', name: 'User', aadObjectId: '11111111-1111-4111-8111-111111111111' },
        recipient: { id: '28:bot', name: 'defender' },
        conversation: { id: 'a:conversation-1', conversationType: 'personal' },
      }),
    );
    assert.equal(response.status, 200);
    const cardReply = connector.replies.find((reply) => reply.body.type === 'message');
    assert.ok(cardReply, `no message reply among ${JSON.stringify(connector.replies.map((reply) => reply.body.type))}`);
    assert.match(cardReply.url, /^\/v3\/conversations\/a%3Aconversation-1\/activities/);
    assert.equal(cardReply.body.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
  });

  it('answers a HEAD probe of the messaging endpoint', async () => {
    assert.equal((await fetch(`${bot.url}/api/messages`, { method: 'HEAD' })).status, 200);
  });

  it('refuses a malformed body with 400 and stays up', async () => {
    assert.equal((await post(`${bot.url}/api/messages`, '{"type": "message", ')).status, 400);
    assert.equal((await post(`${bot.url}/api/messages`, '[1,2]')).status, 400);
    assert.equal((await post(`${bot.url}/api/messages`, '{"text":"no type"}')).status, 400);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });

  it('refuses a body over the size limit', async () => {
    const response = await post(`${bot.url}/api/messages`, JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }));
    assert.equal(response.status, 413);
  });
});
