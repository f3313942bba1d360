/**
 * One watch scan: take the lease, read the fleet (Resource Graph, or ARM one subscription at a time), compare with the
 * last snapshot, queue each finding once, save the snapshot, then post what is queued (one card each, or a digest).
 * The very first snapshot is the baseline: nothing is posted for what was already true then.
 *
 * Queuing before posting is what makes "once" hold: a finding is queued under its key with create-if-absent, so a
 * second instance or a scan after a restart finds it queued already; a post that fails (Teams down, no channel
 * registered yet) leaves it queued for the next scan, for up to a day. The watch never writes to Azure.
 */
import { isDefenderError } from '../errors';
import type { ApiManagementInventory, FleetApiAlerts, FleetView } from '../fleet';
import type { AlertSeverity } from '../monitoring';
import type { Clock, DefenderGateway, IdGenerator } from '../ports';
import { findChanges } from './findChanges';
import { planDelivery } from './findings';
import type { FindingsChannel, StoredFinding, WatchLease, WatchMemory } from './ports';
import { coverageStateOf, isCovered, observe, type WatchReads } from './snapshot';

/** A queued finding no channel took within this long is dropped (and logged): old news is not news. */
export const PENDING_TTL_MS = 24 * 3600_000;
/** Findings are remembered this long: longer than the 7 days an alert stays in the window. */
export const FINDING_RETENTION_MS = 30 * 24 * 3600_000;

export type WatchReadGateway = Pick<DefenderGateway, 'listFleet' | 'listApiManagementInventory' | 'listFleetOpenApiAlerts' | 'listApiManagementApis'>;

export interface WatchServiceOptions {
  gateway: WatchReadGateway;
  lease: WatchLease;
  memory: WatchMemory;
  channel: FindingsChannel;
  clock: Clock;
  /** Scan ids. */
  ids: IdGenerator;
  minSeverity: AlertSeverity;
}

export interface DeliveryReport {
  posted: number;
  digest: boolean;
  /** Still queued: no channel yet, or a post failed. */
  waiting: number;
  abandoned: number;
}

export type ScanReport =
  | { outcome: 'not-leader' }
  | { outcome: 'superseded' }
  | { outcome: 'baseline'; source: FleetView['source']; problems: string[] }
  | ({ outcome: 'scanned'; source: FleetView['source']; found: number; queued: number; problems: string[] } & DeliveryReport);

const describe = (error: unknown) => (isDefenderError(error) || error instanceof Error ? error.message : String(error));

export class WatchService {
  /** Scans in this process run one after another (the lease orders them across processes). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WatchServiceOptions) {}

  scan(): Promise<ScanReport> {
    const run = this.tail.then(() => this.scanOnce());
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async scanOnce(): Promise<ScanReport> {
    const { lease, memory, clock } = this.options;
    if (!(await lease.acquire())) return { outcome: 'not-leader' };
    const stored = await memory.readSnapshot();
    const now = clock.now();
    const problems: string[] = [];
    const reads = await this.read(problems);
    const observation = observe(reads, stored?.snapshot, { scanId: this.options.ids.newId(), now });
    if (!stored) {
      return (await memory.writeSnapshot(observation.snapshot)) ? { outcome: 'baseline', source: reads.fleet.source, problems } : { outcome: 'superseded' };
    }
    const findings = findChanges(stored.snapshot, observation, { minSeverity: this.options.minSeverity });
    let queued = 0;
    for (const finding of findings) if (await memory.queue(finding, now)) queued += 1;
    if (!(await memory.writeSnapshot(observation.snapshot, stored.eTag))) return { outcome: 'superseded' };
    const delivery = await this.deliver(now, problems);
    await memory.forgetBefore(new Date(now.getTime() - FINDING_RETENTION_MS));
    return { outcome: 'scanned', source: reads.fleet.source, found: findings.length, queued, problems, ...delivery };
  }

  /** The fleet must be read (else the scan fails and nothing is saved); the rest may fail and is carried over. */
  private async read(problems: string[]): Promise<WatchReads> {
    const { gateway } = this.options;
    // Settings first: they decide whether Resource Graph is usable, and the alerts read then uses the same source.
    const fleet = await gateway.listFleet();
    if (fleet.fallbackReason) problems.push(`read each subscription directly: ${fleet.fallbackReason}`);
    const [inventory, alerts] = await Promise.allSettled([gateway.listApiManagementInventory(), gateway.listFleetOpenApiAlerts()]);
    const read: { inventory?: ApiManagementInventory; alerts?: FleetApiAlerts } = {};
    if (inventory.status === 'fulfilled') read.inventory = inventory.value;
    else problems.push(`could not read the API Management services: ${describe(inventory.reason)}`);
    if (alerts.status === 'fulfilled') read.alerts = alerts.value;
    else problems.push(`could not read the alerts: ${describe(alerts.reason)}`);
    const covered = new Set(fleet.rows.filter((row) => row.settings && isCovered(coverageStateOf(row.subscription.displayName, row.settings))).map((row) => row.subscription.subscriptionId.toLowerCase()));
    const services = (read.inventory?.services ?? []).filter((service) => service.skuSupported && covered.has(service.subscriptionId.toLowerCase()));
    const serviceApis = services.length > 0 ? await gateway.listApiManagementApis(services) : [];
    const failedServices = serviceApis.filter((entry) => entry.error).length;
    if (failedServices > 0) problems.push(`could not list the APIs of ${failedServices} API Management service(s)`);
    return { fleet, serviceApis, ...read };
  }

  /** Posts what is queued: each on its own card, or all in one digest past the threshold. */
  private async deliver(now: Date, problems: string[]): Promise<DeliveryReport> {
    const { memory, channel } = this.options;
    const report: DeliveryReport = { posted: 0, digest: false, waiting: 0, abandoned: 0 };
    const pending: StoredFinding[] = [];
    for (const entry of await memory.pending()) {
      if (now.getTime() - Date.parse(entry.queuedAt) <= PENDING_TTL_MS) pending.push(entry);
      else {
        await memory.abandon(entry.id);
        report.abandoned += 1;
      }
    }
    const plan = planDelivery(pending);
    try {
      if (plan.kind === 'digest') {
        const address = await channel.postDigest(plan.findings);
        if (address) for (const entry of plan.findings) await memory.markDelivered(entry.id, { at: now.toISOString(), digest: true });
        return { ...report, digest: Boolean(address), posted: address ? plan.findings.length : 0, waiting: address ? 0 : plan.findings.length };
      }
      for (const [index, entry] of plan.findings.entries()) {
        const address = await channel.post(entry);
        if (!address) return { ...report, waiting: plan.findings.length - index };
        await memory.markDelivered(entry.id, { at: now.toISOString(), address });
        report.posted += 1;
      }
    } catch (error) {
      problems.push(`could not post to the approvers' channel (tried again at the next scan): ${describe(error)}`);
      report.waiting = pending.length - report.posted;
    }
    return report;
  }
}
