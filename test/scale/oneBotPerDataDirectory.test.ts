/**
 * One bot per file data directory, with real `npm start` processes: a second bot on the same DEFENDER_DATA_DIR is
 * refused in one line and the first keeps serving; a bot killed with SIGKILL leaves its lock, and the next start takes it over.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCK_FILE_NAME } from '../../src/storage/dataDirectoryLock';
import { listeningUrl, runBot } from '../support/botProcess';
import { startBotProcess, type BotProcess } from './support/botProcess';

function lockOwnerPid(dataDir: string): number {
  return JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE_NAME), 'utf8')).pid as number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

describe('one bot per file data directory (real processes)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let env: Record<string, string>;
  const bots: BotProcess[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'defender-onebot-'));
    env = { DEFENDER_SIMULATOR_PORT: '0', DEFENDER_DATA_DIR: dataDir };
  });

  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second bot on the same data directory: exit 1, one line naming the directory and DEFENDER_STORAGE=blob; the first keeps serving', async () => {
    const first = await startBotProcess(env);
    bots.push(first);
    const second = runBot({ PORT: '0', ...env });
    try {
      const outcome = await listeningUrl(second).then(() => 'listening' as const, () => second.exited);
      assert.equal(outcome, 1, 'the second bot must exit 1, not start listening');
      const { stdout, stderr } = second.output();
      const lines = stderr.split('\n').filter((line) => line.trim() !== '' && !/DeprecationWarning|--trace-deprecation/.test(line));
      assert.equal(lines.length, 1, stderr);
      assert.match(lines[0], /^The bot could not start: DataDirectoryLocked: /);
      assert.ok(lines[0].includes(`the data directory ${dataDir} is in use`), lines[0]);
      assert.match(lines[0], /DEFENDER_STORAGE=blob/);
      assert.doesNotMatch(stdout, /listening/, 'the second bot never took traffic');
    } finally {
      second.child.kill('SIGKILL'); // a no-op once it has exited; a bot that started listening must not outlive the test
      await second.exited;
    }

    assert.equal((await fetch(`${first.url}/readyz`)).status, 200, 'the first bot still serves');
    assert.equal(await first.stop(), 0);
    assert.equal(existsSync(path.join(dataDir, LOCK_FILE_NAME)), false, 'a graceful stop frees the directory');
  });

  it('a bot killed with SIGKILL leaves its lock behind; the next start takes it over and serves', async () => {
    const killed = await startBotProcess(env);
    bots.push(killed);
    const killedPid = lockOwnerPid(dataDir);
    assert.equal(killedPid, killed.child.pid, 'the lock names the bot process');
    killed.child.kill('SIGKILL');
    await killed.stop();
    assert.equal(isAlive(killedPid), false);
    assert.equal(lockOwnerPid(dataDir), killedPid, 'the lock outlived its process');

    const next = await startBotProcess(env);
    bots.push(next);
    assert.equal((await fetch(`${next.url}/readyz`)).status, 200);
    assert.notEqual(lockOwnerPid(dataDir), killedPid);
    assert.equal(isAlive(lockOwnerPid(dataDir)), true);
  });
});
