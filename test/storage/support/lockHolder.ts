/**
 * A real process that takes a data directory's lock: `node --import tsx lockHolder.ts <dataDir>`. Prints "ready"
 * once loaded, tries to take the lock on the first line it reads from stdin (so a test can start several at the same
 * instant), prints one JSON line ({ held: true, pid } or { held: false, message }), and holds the lock until stdin closes.
 */
import { once } from 'node:events';
import { DataDirectoryLock } from '../../../src/storage/dataDirectoryLock';

async function main(): Promise<void> {
  process.stdout.write('ready\n');
  process.stdin.resume();
  await once(process.stdin, 'data');
  let lock: DataDirectoryLock;
  try {
    lock = await DataDirectoryLock.acquire(process.argv[2]);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ held: false, message: (error as Error).message })}\n`);
    process.exit(0);
  }
  process.stdout.write(`${JSON.stringify({ held: true, pid: process.pid })}\n`);
  await once(process.stdin, 'end');
  await lock.release();
}

void main();
