/** The data directory lock with real files and real processes: one holder, stale locks taken over only when provably dead. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirectoryLock, DataDirectoryLockedError, LOCK_FILE_NAME } from '../../src/storage/dataDirectoryLock';

const ROOT = path.resolve(__dirname, '../..');
const HOLDER = path.join(__dirname, 'support', 'lockHolder.ts');

interface Holder {
  child: ChildProcess;
  /** Resolves once the process has loaded and waits for go(). */
  ready: Promise<void>;
  /** Makes it try to take the lock. */
  go(): void;
  /** Whether it got the lock. */
  verdict: Promise<{ held: boolean; pid?: number; message?: string }>;
  exited: Promise<void>;
}

function startHolder(dataDir: string): Holder {
  // node --import tsx rather than the tsx CLI: the CLI runs the script in a grandchild, which SIGKILL would miss.
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  /** The index-th line it prints, once complete. */
  const line = (index: number) => new Promise<string>((resolve, reject) => {
    const check = () => {
      const lines = stdout.split('\n');
      if (lines.length > index + 1) resolve(lines[index]);
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      check();
      reject(new Error(`the holder exited early: ${stdout} ${stderr}`));
    });
  });
  return {
    child,
    ready: line(0).then((text) => assert.equal(text, 'ready')),
    go: () => child.stdin?.write('go\n'),
    verdict: line(1).then((text) => JSON.parse(text)),
    exited,
  };
}

/** Starts a holder and lets it take the lock at once. */
async function holderTakingLock(dataDir: string): Promise<Holder> {
  const holder = startHolder(dataDir);
  await holder.ready;
  holder.go();
  return holder;
}

/** A pid that existed a moment ago and is gone now: a real process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(child.pid);
  return child.pid;
}

function writeLock(dataDir: string, owner: { pid: number; host: string }): string {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  writeFileSync(file, JSON.stringify({ ...owner, startedAt: '2026-11-30T08:00:00.000Z', token: 'an-earlier-bot' }));
  return file;
}

const lockedNaming = (dataDir: string, why: RegExp) => (error: unknown) => {
  assert.ok(error instanceof DataDirectoryLockedError, String(error));
  assert.equal(error.message.split('\n').length, 1, 'one line');
  assert.ok(error.message.includes(`data directory ${dataDir} is in use`), error.message);
  assert.match(error.message, /DEFENDER_STORAGE=blob/);
  assert.match(error.message, why);
  return true;
};

describe('DataDirectoryLock', function () {
  this.timeout(60_000);
  let dataDir: string;
  const children: ChildProcess[] = [];
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'defender-lock-'))));
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes its pid and host, refuses a second bot in the same process, and frees the directory on release', async () => {
    const lock = await DataDirectoryLock.acquire(dataDir);
    const owner = JSON.parse(readFileSync(lock.file, 'utf8'));
    assert.deepEqual([owner.pid, owner.host], [process.pid, os.hostname()]);
    await assert.rejects(DataDirectoryLock.acquire(dataDir), lockedNaming(dataDir, /a bot in this same process is using it/));
    await lock.release();
    assert.equal(existsSync(lock.file), false);
    const again = await DataDirectoryLock.acquire(dataDir);
    await again.release();
  });

  it('refuses while another live process holds it, and takes over once that process is killed with SIGKILL', async () => {
    const holder = await holderTakingLock(dataDir);
    children.push(holder.child);
    const { held, pid } = await holder.verdict;
    assert.equal(held, true);
    assert.equal(pid, holder.child.pid);
    await assert.rejects(DataDirectoryLock.acquire(dataDir), lockedNaming(dataDir, new RegExp(`another bot \\(pid ${pid} on host "${os.hostname()}".*is using it`)));

    holder.child.kill('SIGKILL');
    await holder.exited;
    assert.equal(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE_NAME), 'utf8')).pid, pid, 'a killed process leaves its lock behind');
    const lock = await DataDirectoryLock.acquire(dataDir);
    assert.equal(JSON.parse(readFileSync(lock.file, 'utf8')).pid, process.pid);
    await lock.release();
  });

  it('takes over a stale lock naming a pid that is gone on this host', async () => {
    writeLock(dataDir, { pid: await deadPid(), host: os.hostname() });
    const lock = await DataDirectoryLock.acquire(dataDir);
    const owner = JSON.parse(readFileSync(lock.file, 'utf8'));
    assert.deepEqual([owner.pid, owner.host], [process.pid, os.hostname()]);
    assert.notEqual(owner.token, 'an-earlier-bot');
    assert.equal(existsSync(`${lock.file}.takeover`), false, 'the takeover guard is cleaned up');
    await lock.release();
  });

  it('takes over a lock naming its own pid that this process never took (a restarted container reuses pids)', async () => {
    writeLock(dataDir, { pid: process.pid, host: os.hostname() });
    const lock = await DataDirectoryLock.acquire(dataDir);
    assert.notEqual(JSON.parse(readFileSync(lock.file, 'utf8')).token, 'an-earlier-bot');
    await lock.release();
  });

  it('refuses a lock naming another host, even when that pid is gone here, and leaves it in place', async () => {
    const file = writeLock(dataDir, { pid: await deadPid(), host: 'bot-vm-2' });
    await assert.rejects(DataDirectoryLock.acquire(dataDir), lockedNaming(dataDir, new RegExp(`host "bot-vm-2".*cannot check a process on another host\\. If that bot is gone, delete ${file.replace(/[.]/g, '\\.')}\\.`)));
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).host, 'bot-vm-2');
  });

  it('refuses an unreadable lock file rather than guessing', async () => {
    const file = path.join(dataDir, LOCK_FILE_NAME);
    writeFileSync(file, '');
    await assert.rejects(DataDirectoryLock.acquire(dataDir), lockedNaming(dataDir, /lock file .* is unreadable\. If no bot is running there, delete/));
  });

  it('release removes only its own lock, never one another bot took since', async () => {
    const lock = await DataDirectoryLock.acquire(dataDir);
    writeLock(dataDir, { pid: 1, host: 'bot-vm-2' });
    await lock.release();
    assert.equal(JSON.parse(readFileSync(lock.file, 'utf8')).host, 'bot-vm-2');
  });

  for (const start of ['no lock', 'a stale lock'] as const) {
    it(`of four processes starting at once on ${start}, exactly one gets the directory`, async () => {
      if (start === 'a stale lock') writeLock(dataDir, { pid: await deadPid(), host: os.hostname() });
      const holders = Array.from({ length: 4 }, () => startHolder(dataDir));
      children.push(...holders.map((holder) => holder.child));
      await Promise.all(holders.map((holder) => holder.ready)); // a barrier: all loaded, then all try at once
      for (const holder of holders) holder.go();
      const verdicts = await Promise.all(holders.map((holder) => holder.verdict));
      assert.equal(verdicts.filter((verdict) => verdict.held).length, 1, JSON.stringify(verdicts));
      for (const refused of verdicts.filter((verdict) => !verdict.held)) assert.match(String(refused.message), /^DataDirectoryLocked: /);
      const winner = verdicts.find((verdict) => verdict.held);
      assert.equal(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE_NAME), 'utf8')).pid, winner?.pid);
    });
  }
});
