/**
 * What the watch needs besides Azure (the DefenderGateway): a lease so one instance scans at a time, a memory of the
 * last snapshot and of every finding (across restarts and instances), and the approvers' channel to post to.
 * Adapters: src/storage/storeLease.ts, src/storage/watchMemory.ts, src/bot/watch/watchChannel.ts.
 */
import type { AlertAction, WatchFinding } from './findings';
import type { WatchSnapshot } from './snapshot';

export interface WatchLease {
  /** Takes the lease, or renews it when this instance holds it; false while another instance holds it. */
  acquire(): Promise<boolean>;
  /** Gives it up (shutdown), so another instance can scan at once. */
  release(): Promise<void>;
}

/** Where a card was posted, opaque to the core (a conversation reference and activity id for the bot). */
export type CardAddress = Record<string, unknown>;

export interface StoredFinding {
  /** findingIdOf(finding.key): what the card's buttons carry. */
  id: string;
  finding: WatchFinding;
  queuedAt: string;
  /** Set once posted: on its own card (with its address), or in a digest. */
  delivered?: { at: string; address?: CardAddress; digest?: boolean };
  /** Take it / Resolve clicks that changed the alert, oldest first. */
  actions?: AlertAction[];
}

export interface WatchMemory {
  readSnapshot(): Promise<{ snapshot: WatchSnapshot; eTag: string } | undefined>;
  /** Creates the first snapshot (no eTag) or replaces the one read; false when another scan wrote it meanwhile. */
  writeSnapshot(snapshot: WatchSnapshot, eTag?: string): Promise<boolean>;
  /** Queues a finding for posting; false when it was queued before (by any instance, before any restart). */
  queue(finding: WatchFinding, at: Date): Promise<boolean>;
  /** Queued and not yet posted, oldest first. */
  pending(): Promise<StoredFinding[]>;
  get(id: string): Promise<StoredFinding | undefined>;
  markDelivered(id: string, delivered: NonNullable<StoredFinding['delivered']>): Promise<void>;
  /** Stops trying to post a finding (it waited too long for a channel). */
  abandon(id: string): Promise<void>;
  /** Appends a Take it / Resolve; returns the finding as stored after it. */
  recordAction(id: string, action: AlertAction): Promise<StoredFinding>;
  /** Forgets findings queued before `cutoff`; returns how many. */
  forgetBefore(cutoff: Date): Promise<number>;
}

/** The approvers' channel. Undefined from a post: there is no channel to post to yet (not configured or registered). */
export interface FindingsChannel {
  post(finding: StoredFinding): Promise<CardAddress | undefined>;
  postDigest(findings: StoredFinding[]): Promise<CardAddress | undefined>;
}
