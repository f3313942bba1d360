/**
 * The hash-chained audit log in append blobs (see blobAuditSegments.ts), safe for several bot instances at once.
 *
 * Appending: seal the entry on the last entry this instance knows, then append it only if the blob still ends
 * where this instance last read it (`appendPosition`). If another instance got there first (412), read what it
 * wrote, seal again on top of it and retry. So the chain stays one unbroken line whoever appends; no lock needed.
 * A block is committed whole or not at all, so there are no torn lines to repair.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { AuditEntry, AuditEvent, AuditLog, ListAuditOptions } from '../core/audit/auditLog';
import { computeEntryHash, GENESIS_HASH, sealEntry } from '../core/audit/chain';
import { BlobStorageError, networkFailureCode } from './blobEndpoint';
import { AuditSegments, DEFAULT_AUDIT_PREFIX, DEFAULT_ENTRIES_PER_SEGMENT } from './blobAuditSegments';
import { AuditLogCorruptError } from './fileAuditLog';

export interface BlobAuditLogOptions {
  container: ContainerClient;
  /** Blob name prefix; default `audit/`. */
  prefix?: string;
  /** Entries per append blob, at most 50,000 (Azure's block limit); default 10,000. Tests use small values. */
  entriesPerSegment?: number;
}

/** Each lost race means another instance appended; this bound only stops a log that never accepts a write. */
const MAX_APPEND_ATTEMPTS = 500;

interface ChainHead {
  last?: Pick<AuditEntry, 'seq' | 'hash'>;
  /** The segment the next entry goes to, and how many of its bytes this instance has read. */
  segment: number;
  offset: number;
}

export class BlobAuditLog implements AuditLog {
  readonly segments: AuditSegments;
  private head: ChainHead = { segment: 0, offset: 0 };
  private opened: Promise<void> | undefined;
  /** Appends from this instance run one at a time; other instances are handled by appendPosition. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: BlobAuditLogOptions) {
    this.segments = new AuditSegments(options.container, options.prefix ?? DEFAULT_AUDIT_PREFIX, options.entriesPerSegment ?? DEFAULT_ENTRIES_PER_SEGMENT);
  }

  append(event: AuditEvent): Promise<AuditEntry> {
    const appended = this.queue.then(() => this.appendNow(event)).catch((error: unknown) => {
      throw explain('append to the audit log', error);
    });
    this.queue = appended.catch(() => undefined); // a failed append must not block the next; its caller gets the error
    return appended;
  }

  async list({ subscriptionId, requestId, limit }: ListAuditOptions): Promise<AuditEntry[]> {
    await this.queue;
    const wanted = subscriptionId?.toLowerCase();
    return (await this.segments.readAllLines())
      .map((line) => JSON.parse(line) as AuditEntry)
      .filter((entry) => wanted === undefined || entry.subscriptionIds.some((id) => id.toLowerCase() === wanted))
      .filter((entry) => requestId === undefined || entry.requestId === requestId)
      .reverse()
      .slice(0, limit);
  }

  /** Every stored line in chain order, for verifyAuditChain in tests (npm run audit:verify reads segments through auditChainSource.ts). */
  readAllLines(): Promise<string[]> {
    return this.segments.readAllLines();
  }

  async flush(): Promise<void> {
    await this.queue;
  }

  /**
   * Reads and checks the whole chain once, so a tampered log stops the bot before it takes traffic (appends call it
   * too). A segment past the end of the chain means entries were deleted from the middle: refuse to append after it.
   */
  initialise(): Promise<void> {
    this.opened ??= (async () => {
      this.head = { segment: 0, offset: 0 };
      await this.catchUp();
      for (;;) {
        const reached = this.head.last?.seq;
        const beyond = (await this.segments.listIndexes()).filter((segment) => segment > this.head.segment);
        if (beyond.length === 0) return;
        await this.catchUp(); // another instance may just have started a new segment
        if (this.head.last?.seq === reached) {
          throw corrupt(`${this.segments.nameOf(beyond[0])} exists but the chain ends at entry ${reached ?? 0} in ${this.segments.nameOf(this.head.segment)} (entries were removed)`);
        }
      }
    })();
    this.opened.catch(() => (this.opened = undefined));
    return this.opened;
  }

  private async appendNow(event: AuditEvent): Promise<AuditEntry> {
    await this.initialise();
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const entry = sealEntry(event, this.head.last);
      const body = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
      const blob = this.segments.client(this.head.segment);
      try {
        if (this.head.offset === 0) await blob.createIfNotExists();
        await blob.appendBlock(body, body.length, { conditions: { appendPosition: this.head.offset } });
        this.advance(entry, body.length);
        return entry;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 412) throw error;
      }
      // Someone appended first. If our own block is among what they "wrote", the service took it and only its
      // answer was lost (a retried request then fails the position check): it counts, do not append it twice.
      if (await this.catchUp(entry.hash)) return entry;
    }
    throw new BlobStorageError('AuditContention', `the audit log kept moving during ${MAX_APPEND_ATTEMPTS} attempts; try again shortly.`);
  }

  /** Reads entries appended since this instance last looked, checking each link. True if `lookFor` was among them. */
  private async catchUp(lookFor?: string): Promise<boolean> {
    let found = false;
    for (;;) {
      const bytes = await this.segments.readFrom(this.head.segment, this.head.offset);
      if (bytes.length === 0) return found;
      const text = bytes.toString('utf8');
      const where = this.segments.nameOf(this.head.segment);
      if (!text.endsWith('\n')) throw corrupt(`${where} does not end with a complete line at byte ${this.head.offset + bytes.length}`);
      const segment = this.head.segment;
      for (const line of text.slice(0, -1).split('\n')) {
        if (this.head.segment !== segment) throw corrupt(`${where} holds more than ${this.segments.entriesPerSegment} entries`);
        const entry = checkedNext(line, this.head.last, where);
        this.advance(entry, Buffer.byteLength(line, 'utf8') + 1);
        if (entry.hash === lookFor) found = true;
      }
    }
  }

  private advance(entry: AuditEntry, bytes: number): void {
    const nextSegment = this.segments.segmentOf(entry.seq + 1);
    this.head = nextSegment === this.head.segment
      ? { last: { seq: entry.seq, hash: entry.hash }, segment: this.head.segment, offset: this.head.offset + bytes }
      : { last: { seq: entry.seq, hash: entry.hash }, segment: nextSegment, offset: 0 };
  }
}

/** Parses one line and checks that it is the entry after `previous`: the same rules as verifyAuditChain. */
function checkedNext(line: string, previous: ChainHead['last'], where: string): AuditEntry {
  let entry: AuditEntry;
  try {
    entry = JSON.parse(line) as AuditEntry;
  } catch (error) {
    throw corrupt(`${where}: a line is not valid JSON (${(error as Error).message})`);
  }
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (entry?.seq !== expectedSeq) throw corrupt(`${where}: sequence ${entry?.seq} where ${expectedSeq} was expected`);
  if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) throw corrupt(`${where}: entry ${entry.seq} does not link to the one before`);
  const { hash, ...unsealed } = entry;
  if (computeEntryHash(unsealed) !== hash) throw corrupt(`${where}: entry ${entry.seq} was edited`);
  return entry;
}

function corrupt(problem: string): AuditLogCorruptError {
  return new AuditLogCorruptError(`AuditLogCorrupt: the blob audit log fails verification (${problem}); keep the container as evidence and point DEFENDER_STORAGE_CONTAINER at a new one before restarting.`);
}

function explain(operation: string, error: unknown): unknown {
  const network = networkFailureCode(error);
  if (!network || error instanceof BlobStorageError) return error;
  return new BlobStorageError('BlobStorageUnavailable', `could not ${operation} (${network}); the entry may not be recorded. Try again when blob storage is reachable.`, { cause: error });
}
