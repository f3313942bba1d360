/**
 * Crash-safe file replacement: write a temp file, fsync it, rename it over the target, fsync the directory.
 * A crash at any point leaves either the old content or the new one, plus at worst an orphan temp file
 * (ending in TEMP_SUFFIX) that readers never look at and the store removes when it opens.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const TEMP_SUFFIX = '.tmp';

export async function writeFileAtomic(target: string, content: string): Promise<void> {
  const temp = `${target}.${randomUUID()}${TEMP_SUFFIX}`;
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(target));
}

export async function removeFileDurably(target: string): Promise<void> {
  await fs.rm(target, { force: true });
  await syncDirectory(path.dirname(target));
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
