/**
 * Crash-safe file replacement: write a temp file, fsync it, rename it over the target, fsync the directory.
 * A crash at any point leaves either the old content or the new one, plus at worst an orphan temp file
 * (ending in TEMP_SUFFIX) that readers never look at and the store removes when it opens.
 *
 * `{ sync: false }` keeps the temp file and rename, so a killed process still never leaves a half-written item, but
 * skips both fsyncs: the item survives a process crash (it is in the page cache) and may be lost in a power cut.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const TEMP_SUFFIX = '.tmp';

export interface DurabilityOptions {
  /** fsync the file and its directory (default true). */
  sync?: boolean;
}

export async function writeFileAtomic(target: string, content: string, { sync = true }: DurabilityOptions = {}): Promise<void> {
  const temp = `${target}.${randomUUID()}${TEMP_SUFFIX}`;
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      if (sync) await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  if (sync) await syncDirectory(path.dirname(target));
}

export async function removeFileDurably(target: string, { sync = true }: DurabilityOptions = {}): Promise<void> {
  await fs.rm(target, { force: true });
  if (sync) await syncDirectory(path.dirname(target));
}

/** Makes a rename or unlink durable. Windows cannot open a directory for fsync; there the rename is already durable enough. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(directory, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}
