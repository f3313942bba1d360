/**
 * Wiring for approval tests: the real service over the real file store and audit log in a temp directory,
 * a clock the test moves by hand, and predictable request ids.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApprovalService, RequestRepository, createApprovalPolicy, encodeRequestId } from '../../../src/core/approval';
import type { ApprovalPolicy, ApprovalPolicyInput, Person } from '../../../src/core/approval';
import type { DefenderSettings } from '../../../src/core/defender';
import { planTarget, type ChangePlan } from '../../../src/core/plan';
import type { DefenderGateway, IdGenerator } from '../../../src/core/ports';
import { FileAuditLog, FileStorage } from '../../../src/storage';

export const ALICE: Person = { id: '11111111-aaaa-4000-8000-000000000001', name: 'Alice Requester' };
export const BOB: Person = { id: '22222222-bbbb-4000-8000-000000000002', name: 'Bob Approver' };
export const CAROL: Person = { id: '33333333-cccc-4000-8000-000000000003', name: 'Carol Approver' };
export const MALLORY: Person = { id: '44444444-dddd-4000-8000-000000000004', name: 'Mallory Outsider' };
export const ERIN: Person = { id: '55555555-eeee-4000-8000-000000000005', name: 'Erin Approver' };

export const SUB_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const SUB_B = 'bbbbbbbb-0000-4000-8000-00000000000b';

import { ManualClock } from '../../support/manualClock';
export { ManualClock };

/** req_aaaa…a, req_aaaa…b, …: valid, distinct and readable in failure messages. */
export function sequentialRequestIds(start = 0): IdGenerator {
  let counter = start;
  return {
    newId: () => {
      counter += 1;
      const bytes = Buffer.alloc(13);
      bytes.writeUInt32BE(counter, 8); // within the first 100 bits, which are all an id keeps
      return encodeRequestId(bytes);
    },
  };
}

/**
 * For tests whose path must never reach Azure: every call fails the test loudly. Tests that do reach Azure use the
 * real DefenderClient against the HTTPS ARM simulator (execution.test.ts).
 */
export const gatewayNotUsed: DefenderGateway = new Proxy({} as DefenderGateway, {
  get: (_target, property) => () => {
    throw new Error(`This test must not call the gateway, but ${String(property)}() was called.`);
  },
});

export function freshSettings(subscriptionId: string): DefenderSettings {
  return {
    subscriptionId,
    api: { pricingTier: 'Free' },
    cspm: { pricingTier: 'Free', extensions: [{ name: 'ApiPosture', isEnabled: false }] },
  };
}

export function planFor(...subscriptionIds: string[]): ChangePlan & { kind: 'enable' } {
  return {
    kind: 'enable',
    targets: subscriptionIds.map((subscriptionId) =>
      planTarget({ subscriptionId, displayName: `Subscription ${subscriptionId.slice(0, 4)}` }, freshSettings(subscriptionId))),
  };
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'defender-approval-'));
}

export interface World {
  dataDir: string;
  clock: ManualClock;
  store: FileStorage;
  audit: FileAuditLog;
  requests: RequestRepository;
  policy: ApprovalPolicy;
  service: ApprovalService;
}

export interface WorldOptions {
  dataDir?: string;
  clock?: ManualClock;
  ids?: IdGenerator;
  gateway?: DefenderGateway;
  store?: FileStorage;
  policy?: Partial<ApprovalPolicyInput>;
  applyTimeoutMs?: number;
}

export const HOUR = 60 * 60 * 1000;

export function buildWorld(options: WorldOptions = {}): World {
  const dataDir = options.dataDir ?? tempDataDir();
  const clock = options.clock ?? new ManualClock();
  const store = options.store ?? new FileStorage({ dataDir });
  const audit = new FileAuditLog({ dataDir });
  const requests = new RequestRepository(store, { now: () => clock.now() });
  const policy = createApprovalPolicy({ approvers: [BOB.id, CAROL.id], requestTtlMs: 24 * HOUR, ...options.policy });
  const service = new ApprovalService({
    requests,
    audit,
    gateway: options.gateway ?? gatewayNotUsed,
    clock,
    ids: options.ids ?? sequentialRequestIds(),
    policy,
    ...(options.applyTimeoutMs ? { applyTimeoutMs: options.applyTimeoutMs } : {}),
  });
  return { dataDir, clock, store, audit, requests, policy, service };
}
