/**
 * The server through a real HTTP round trip: the composition root in demo mode, a Bot Framework activity
 * POSTed to /api/messages by the Teams connector fake, which also catches the reply.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { startDefenderBot, type RunningBot } from '../src/index';
import { startTeamsConnector, type Conversation, type Person, type TeamsConnector } from './support/teamsConnector';

async function post(url: string, body: string, contentType = 'application/json') {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('the bot server (demo mode, real HTTP)', () => {
  let bot: RunningBot;
  let dataDir: string;
  let teams: TeamsConnector;
  let user: Person;
  let chat: Conversation;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-server-'));
    teams = await startTeamsConnector();
    user = teams.person({ name: 'User', aadObjectId: '11111111-1111-4111-8111-111111111111', mri: '29:user' });
    chat = teams.conversation({ id: 'a:conversation-1', kind: 'personal', members: [user] });
    const config = loadConfig({ PORT: '0', DEFENDER_SIMULATOR_PORT: '0', DEFENDER_DATA_DIR: dataDir }, dataDir);
    bot = await startDefenderBot(config, { logger: createLogger({ level: 'silent' }) });
    teams.botUrl = bot.url;
  });
  after(async () => {
    await bot.close();
    await teams.close();
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
    const turn = await teams.send(user, chat, 'help');
    assert.equal(turn.status, 200);
    const cardReply = teams.calls.find((call) => call.body?.type === 'message');
    assert.ok(cardReply, `no message reply among ${JSON.stringify(teams.calls.map((call) => call.body?.type))}`);
    assert.match(cardReply.path, /^\/v3\/conversations\/a%3Aconversation-1\/activities/);
    assert.equal(cardReply.body?.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
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
