/**
 * The audit log as append-only JSON lines in `<dataDir>/audit.jsonl`, one hash-chained entry per line.
 * Appends are serialised in this process and fsynced before they resolve. One process per file (as for FileStorage).
 *
 * If the process died in the middle of an append, the file ends in a partial line without a newline. That append
 * never resolved (nobody was told it was recorded), so on open the partial tail is cut off before appending again;
 * otherwise the next entry would be glued onto garbage and break the chain for good.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AuditEntry, AuditEvent, AuditLog, ListAuditOptions } from '../core/audit/auditLog';
import { sealEntry, verifyAuditChain } from '../core/audit/chain';
import { syncDirectory } from './atomicFile';

export const AUDIT_FILE_NAME = 'audit.jsonl';

export interface FileAuditLogOptions {
  dataDir: string;
}

export class AuditLogCorruptError extends Error {
  override readonly name = 'AuditLogCorruptError';
  readonly code = 'AuditLogCorrupt';
}

export class FileAuditLog implements AuditLog {
  readonly file: string;
  private last: Pick<AuditEntry, 'seq' | 'hash'> | undefined;
  private opened: Promise<void> | undefined;
  /** Tail of the append queue: each append starts after the previous one finished. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: FileAuditLogOptions) {
    this.file = path.resolve(options.dataDir, AUDIT_FILE_NAME);
  }

  append(event: AuditEvent): Promise<AuditEntry> {
    const appended = this.queue.then(async () => {
      await this.initialise();
      const entry = sealEntry(event, this.last);
      const handle = await fs.open(this.file, 'a');
      try {
        await handle.appendFile(`${JSON.stringify(entry)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.last = { seq: entry.seq, hash: entry.hash };
      return entry;
    });
    this.queue = appended.catch(() => undefined); // one failed append must not block the ones after it; its caller gets the error
    return appended;
  }

  async list({ subscriptionId, requestId, limit }: ListAuditOptions): Promise<AuditEntry[]> {
    await this.queue;
    const wanted = subscriptionId?.toLowerCase();
    return (await this.readEntries())
      .filter((entry) => wanted === undefined || entry.subscriptionIds.some((id) => id.toLowerCase() === wanted))
      .filter((entry) => requestId === undefined || entry.requestId === requestId)
      .reverse()
      .slice(0, limit);
  }

  /** Waits for queued appends (graceful shutdown). */
  async flush(): Promise<void> {
    await this.queue;
  }

  private async readEntries(): Promise<AuditEntry[]> {
    const content = await readIfExists(this.file);
    return content.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as AuditEntry);
  }

  /**
   * Finds the chain's head once, repairing a partial last line left by a crash. Call it at start-up so a tampered
   * log stops the bot before it takes traffic (appends call it too).
   */
  initialise(): Promise<void> {
    this.opened ??= (async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      let content = await readIfExists(this.file);
      if (content !== '' && !content.endsWith('\n')) {
        content = content.slice(0, content.lastIndexOf('\n') + 1);
        await fs.truncate(this.file, Buffer.byteLength(content, 'utf8'));
        await syncDirectory(path.dirname(this.file));
      }
      const verdict = verifyAuditChain(content.split('\n'));
      if (!verdict.ok) {
        throw new AuditLogCorruptError(`AuditLogCorrupt: ${this.file} fails verification (${verdict.problem}); run "npm run audit:verify", keep the file as evidence and start a new one before restarting.`);
      }
      const head = verdict.entries[verdict.entries.length - 1];
      this.last = head ? { seq: head.seq, hash: head.hash } : undefined;
    })();
    this.opened.catch(() => (this.opened = undefined));
    return this.opened;
  }
}

async function readIfExists(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
