/**
 * One bot per file data directory. The file store's compare-and-swap and the start-up reconcile are only correct
 * when a single process owns the directory, so a bot holds `<dataDir>/defender.lock` (its pid and host) while it runs.
 *
 * - The lock file is created with O_EXCL ('wx'): of two bots starting at once, exactly one creates it.
 * - A lock left behind (a crash, kill -9) is taken over only when its pid is gone on this host. A lock from
 *   another host is never taken over: this machine cannot see that process (a shared network folder).
 * - Taking over is guarded by a second O_EXCL file, so two bots finding the same stale lock cannot both win.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE_NAME = 'defender.lock';
const TAKEOVER_SUFFIX = '.takeover';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** Tells this acquisition apart from any other with the same pid (a restarted container reuses pids). */
  token: string;
}

type ReadOwner = LockOwner | 'absent' | 'unreadable';

export class DataDirectoryLockedError extends Error {
  override readonly name = 'DataDirectoryLockedError';
  readonly code = 'DataDirectoryLocked';
}

/** Tokens of the locks this process holds, by lock file: a lock naming our own pid is ours only if it is in here. */
const heldByThisProcess = new Map<string, string>();

export class DataDirectoryLock {
  private released = false;

  private constructor(readonly directory: string, readonly file: string, private readonly token: string) {}

  /** Takes the directory's lock or throws DataDirectoryLockedError with one line an operator can act on. */
  static async acquire(dataDir: string): Promise<DataDirectoryLock> {
    const directory = path.resolve(dataDir);
    const file = path.join(directory, LOCK_FILE_NAME);
    await fs.mkdir(directory, { recursive: true });
    const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), token: randomUUID() };
    // A second pass only when the holder released the lock between our failed create and our read.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await createExclusively(file, me)) return DataDirectoryLock.held(directory, file, me.token);
      const owner = await readOwner(file);
      if (owner === 'absent') continue;
      if (owner === 'unreadable') throw locked(directory, `its lock file ${file} is unreadable`, `If no bot is running there, delete ${file}.`);
      refuseIfLive(directory, file, owner);
      await takeOver(directory, file, owner, me);
      return DataDirectoryLock.held(directory, file, me.token);
    }
    throw locked(directory, 'another bot took and released its lock while this one was starting', 'Start this bot again.');
  }

  /** Removes the lock file if it is still ours. Safe to call twice. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (heldByThisProcess.get(this.file) === this.token) heldByThisProcess.delete(this.file);
    const owner = await readOwner(this.file);
    if (typeof owner === 'object' && owner.token === this.token) await fs.rm(this.file, { force: true });
  }

  private static held(directory: string, file: string, token: string): DataDirectoryLock {
    heldByThisProcess.set(file, token);
    return new DataDirectoryLock(directory, file, token);
  }
}

async function createExclusively(file: string, owner: LockOwner): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readOwner(file: string): Promise<ReadOwner> {
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  try {
    const owner = JSON.parse(content) as Partial<LockOwner>;
    const valid = Number.isInteger(owner.pid) && (owner.pid as number) > 0 && typeof owner.host === 'string' && typeof owner.token === 'string';
    return valid ? (owner as LockOwner) : 'unreadable';
  } catch {
    return 'unreadable'; // empty or half-written: its writer may still be running, so it counts as held
  }
}

function refuseIfLive(directory: string, file: string, owner: LockOwner): void {
  const who = owner.pid === process.pid && owner.host === os.hostname()
    ? 'a bot in this same process'
    : `another bot (pid ${owner.pid} on host "${owner.host}", since ${owner.startedAt})`;
  if (owner.host !== os.hostname()) {
    throw locked(directory, `${who} holds it, and this host cannot check a process on another host`, `If that bot is gone, delete ${file}.`);
  }
  if (isRunning(owner)) throw locked(directory, `${who} is using it`, 'Stop that bot first; run one bot per data directory.');
}

/** Same host: alive unless the kernel says there is no such process (EPERM means it exists but is not ours). */
function isRunning(owner: LockOwner): boolean {
  // Our own pid: ours if this process took it, else a previous process that had the same pid (a restarted container).
  if (owner.pid === process.pid) return [...heldByThisProcess.values()].includes(owner.token);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function takeOver(directory: string, file: string, stale: LockOwner, me: LockOwner): Promise<void> {
  const guard = `${file}${TAKEOVER_SUFFIX}`;
  if (!(await createExclusively(guard, me))) {
    throw locked(directory, `another bot is taking over the lock left by pid ${stale.pid} right now`, `If no bot is starting there, delete ${guard}.`);
  }
  try {
    // Under the guard: the lock must still be the stale one we judged, not one a bot created since.
    const current = await readOwner(file);
    if (current === 'unreadable') throw locked(directory, `its lock file ${file} is being written by another bot`, 'Start this bot again in a moment.');
    if (typeof current === 'object' && current.token !== stale.token) refuseIfLive(directory, file, current);
    if (current !== 'absent') await fs.rm(file, { force: true });
    if (!(await createExclusively(file, me))) throw locked(directory, 'another bot took it while this one was taking over a stale lock', 'Stop that bot first; run one bot per data directory.');
  } finally {
    await fs.rm(guard, { force: true });
  }
}

function locked(directory: string, problem: string, fix: string): DataDirectoryLockedError {
  return new DataDirectoryLockedError(
    `DataDirectoryLocked: the data directory ${directory} is in use: ${problem}. ${fix} To run several bots on one store, use DEFENDER_STORAGE=blob.`,
  );
}
