/** `npm start` as an operator meets it: a real process, bad configuration, and SIGTERM. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listeningUrl, runBot } from './support/botProcess';

/** The one line that names the problem, without Node's deprecation noise. */
function configurationLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('Configuration error'));
}

describe('npm start (a real process)', function () {
  this.timeout(60_000);

  for (const [env, variable] of [
    [{ PORT: 'abc' }, 'PORT'],
    [{ MicrosoftAppId: 'an-app-id' }, 'MicrosoftAppType'],
    [{ DEFENDER_MODE: 'production' }, 'MicrosoftAppId'],
  ] as const) {
    it(`exits non-zero with one line naming ${variable} for bad configuration`, async () => {
      // A free port and a throw-away data directory, so a regression that lets the bot start cannot take 3978 or write ./.data.
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-main-config-'));
      const isolated = { PORT: '0', DEFENDER_SIMULATOR_PORT: '0', DEFENDER_DATA_DIR: dataDir };
      const bot = runBot({ ...isolated, ...env });
      try {
        assert.equal(await bot.exited, 1);
        const lines = configurationLines(bot.output().stderr);
        assert.equal(lines.length, 1, bot.output().stderr);
        assert.match(lines[0], new RegExp(`^Configuration error: ${variable}: `));
      } finally {
        bot.child.kill('SIGKILL');
        await bot.exited;
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }

  /** A demo bot serving /healthz on a fresh data directory; the test decides how it ends (SIGKILL afterwards regardless). */
  async function withServingBot(test: (bot: ReturnType<typeof runBot>, url: string) => Promise<void>): Promise<void> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-main-'));
    const bot = runBot({ PORT: '0', DEFENDER_SIMULATOR_PORT: '0', DEFENDER_DATA_DIR: dataDir, DEFENDER_LOG_LEVEL: 'info' });
    try {
      const url = await listeningUrl(bot);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      await test(bot, url);
    } finally {
      bot.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }

  it('serves /healthz, then finishes and exits 0 on SIGTERM', () =>
    withServingBot(async (bot) => {
      bot.child.kill('SIGTERM');
      assert.equal(await bot.exited, 0);
      assert.match(bot.output().stdout, /SIGTERM: finishing in-flight turns/);
    }));

  it('a SIGKILL reaches the bot itself: nothing is left serving (the tests that kill their bots rely on it)', () =>
    withServingBot(async (bot, url) => {
      bot.child.kill('SIGKILL');
      await bot.exited;
      await assert.rejects(fetch(`${url}/healthz`), 'the port is closed: no bot process outlived the kill');
    }));
});
