/**
 * The hash chain: each entry's hash covers its content and the previous hash, so editing, deleting or
 * reordering any line breaks every link after it. Pure functions; the file adapter does the I/O.
 *
 * Limit: removing lines from the END leaves a valid shorter chain. Detecting truncation needs the latest hash
 * kept somewhere else (e.g. posted to a channel); verifyAuditChain accepts it as `expectedLastHash`.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditEvent } from './auditLog';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function computeEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, type, requestId, subscriptionIds, actor, details, prevHash } = entry;
  const canonical = canonicalJson({ seq, at, type, requestId, subscriptionIds, actor, details, prevHash });
  return createHash('sha256').update(canonical).digest('hex');
}

/** The next entry after `previous` (or the first one when there is none). */
export function sealEntry(event: AuditEvent, previous: Pick<AuditEntry, 'seq' | 'hash'> | undefined): AuditEntry {
  const unsealed = { ...event, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unsealed, hash: computeEntryHash(unsealed) };
}

export interface ChainVerdict {
  ok: boolean;
  /** Entries that parsed and verified, in file order (up to the first bad line). */
  entries: AuditEntry[];
  /** 1-based line number of the first line that breaks the chain. */
  firstBadLine?: number;
  /** "line N: <reason>". */
  problem?: string;
  /** What is wrong, without the line number, for a reader that names the place its own way (a blob segment). */
  reason?: string;
}

export interface VerifyOptions {
  /** The hash the last entry must have, when known from elsewhere: catches a truncated tail. */
  expectedLastHash?: string;
}

/** Checks every line in order. Blank lines are allowed only as the final newline. */
export function verifyAuditChain(lines: string[], options: VerifyOptions = {}): ChainVerdict {
  const entries: AuditEntry[] = [];
  const trimmed = lines.length > 0 && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
  let previous: AuditEntry | undefined;
  for (const [index, line] of trimmed.entries()) {
    const lineNumber = index + 1;
    const bad = (reason: string): ChainVerdict => ({ ok: false, entries, firstBadLine: lineNumber, problem: `line ${lineNumber}: ${reason}`, reason });
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch (error) {
      return bad(`not valid JSON (${(error as Error).message})`);
    }
    if (typeof entry !== 'object' || entry === null || typeof entry.hash !== 'string') return bad('not an audit entry');
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) return bad(`sequence ${entry.seq} where ${expectedSeq} was expected (a line was deleted, added or moved)`);
    const expectedPrev = previous?.hash ?? GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) return bad('prevHash does not match the previous entry (a line was deleted, added or moved)');
    const { hash, ...unsealed } = entry;
    if (computeEntryHash(unsealed) !== hash) return bad('hash does not match the content (the line was edited)');
    entries.push(entry);
    previous = entry;
  }
  if (options.expectedLastHash !== undefined && (previous?.hash ?? GENESIS_HASH) !== options.expectedLastHash) {
    const reason = 'the last entry is not the expected one (the end of the log was removed)';
    return { ok: false, entries, firstBadLine: trimmed.length + 1, problem: reason, reason };
  }
  return { ok: true, entries };
}
