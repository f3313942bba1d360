/**
 * Opens blob storage at start-up: creates the container if needed with a short, single-try probe (so a wrong
 * endpoint fails in seconds with one clear line, not after minutes of retries), then the request store and the
 * audit log, whose chain is read and verified before the bot takes traffic.
 */
import type { BlobAccess } from '../config/storageSettings';
import { BlobAuditLog } from './blobAuditLog';
import { createContainerClient, describeContainer, explainStartupFailure, type BlobTarget } from './blobEndpoint';
import { BlobRequestStore } from './blobRequestStore';

export interface BlobConnectOptions {
  /** How long the first contact may take in total; default 10 s. */
  probeTimeoutInMs?: number;
  /** Passed to BlobAuditLog (tests use small segments). */
  entriesPerSegment?: number;
}

export interface BlobStorageConnection {
  store: BlobRequestStore;
  audit: BlobAuditLog;
  /** The container URL, no secrets. */
  endpoint: string;
}

export async function connectBlobStorage(target: BlobTarget, options: BlobConnectOptions = {}): Promise<BlobStorageConnection> {
  const timeoutInMs = options.probeTimeoutInMs ?? 10_000;
  const probe = createContainerClient(target, { retryOptions: { maxTries: 1, tryTimeoutInMs: timeoutInMs } });
  const endpoint = describeContainer(probe);
  await startupStep(target.access, endpoint, timeoutInMs, (abortSignal) => probe.createIfNotExists({ abortSignal }));

  const container = createContainerClient(target);
  const store = new BlobRequestStore(target, container);
  const audit = new BlobAuditLog({ container, entriesPerSegment: options.entriesPerSegment });
  // BlobsStorage remembers its first container check for good, so make that first check here, where it succeeds.
  await startupStep(target.access, endpoint, timeoutInMs, () => store.read(['defender/readiness-probe']));
  await audit.initialise();
  return { store, audit, endpoint };
}

async function startupStep(access: BlobAccess, endpoint: string, timeoutInMs: number, step: (abortSignal: AbortSignal) => Promise<unknown>): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutInMs);
  try {
    await step(controller.signal);
  } catch (error) {
    throw explainStartupFailure(error, endpoint, access);
  } finally {
    clearTimeout(timer);
  }
}
