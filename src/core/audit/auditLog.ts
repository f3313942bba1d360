/**
 * The audit port: an append-only, hash-chained record of every request transition, and of every Take it / Resolve
 * of a watch alert.
 * src/storage/fileAuditLog.ts writes it as JSON lines; chain.ts seals and verifies entries.
 */
import type { Person } from '../approval';

export const AUDIT_EVENT_TYPES = [
  'request.created',
  'request.approval-recorded',
  'request.executing',
  'request.succeeded',
  'request.partially-failed',
  'request.failed',
  'request.rejected',
  'request.cancelled',
  'request.expired',
  'request.stale',
  'request.retried',
  'request.reconciled',
  'request.abandoned',
  // Take it / Resolve on a watch alert card (requestId is empty: no request is involved), and a refused click.
  'alert.taken',
  'alert.resolved',
  'alert.refused',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** What the caller records; the log adds seq, prevHash and hash. */
export interface AuditEvent {
  /** ISO time from the injected clock. */
  at: string;
  type: AuditEventType;
  requestId: string;
  subscriptionIds: string[];
  actor: Person;
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditEvent {
  /** 1, 2, 3, ... with no gaps. */
  seq: number;
  /** The previous entry's hash; 64 zeros for the first entry. */
  prevHash: string;
  /** SHA-256 (hex) over the canonical JSON of every other field, prevHash included. */
  hash: string;
}

export interface ListAuditOptions {
  subscriptionId?: string;
  requestId?: string;
  /** Newest first; at most this many. */
  limit: number;
}

export interface AuditLog {
  append(event: AuditEvent): Promise<AuditEntry>;
  list(options: ListAuditOptions): Promise<AuditEntry[]>;
}

/** The actor for transitions nobody clicked (expiry sweeps, execution results, start-up reconcile). */
export const SYSTEM_ACTOR: Person = { id: 'system', name: '@defender' };
