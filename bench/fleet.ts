/**
 * B2, fleet: `list` over generateFleetSeed(500) (a seed file passed as DEFENDER_SIMULATOR_SEED) with 100 ms per ARM
 * call. Wall time against the ideal bound ceil(ARM calls / concurrency) × latency, and ARM calls per subscription
 * counted from the simulator's request log. Run twice: cold (the subscription list is not cached yet) and warm.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateFleetSeed, type RecordedRequest } from '../src/azure/simulator';
import { messageActivity, REQUESTER } from './activities';
import { BotClient } from './botClient';
import { answers } from './loadDriver';
import type { LoopbackConnector } from './loopbackConnector';
import { startInProcessBot } from './inProcessBot';
import { round } from './stats';
import { isCardAnswer } from './turnCost';

export interface FleetRun {
  label: 'cold' | 'warm';
  wallMs: number;
  armCalls: number;
  armCallsByKind: Record<string, number>;
  armCallsPerSubscription: number;
  pricingListsWithFilter: number;
  /** ceil(ARM calls / concurrency) × latency: every call in a full wave of `concurrency`. */
  idealBoundMs: number;
  ratioToBound: number;
  /** The subscription pages are sequential (each nextLink comes from the page before): pages × latency + waves of pricing reads. */
  boundWithSequentialPagesMs: number;
  /** The answer replaced a "working…" card (PUT) rather than arriving as a new message. */
  answeredAs: string;
}

export interface FleetResult {
  subscriptions: number;
  latencyMs: number;
  concurrency: number;
  runs: FleetRun[];
}

function kindOf(request: RecordedRequest): string {
  if (request.path === '/subscriptions') return 'GET /subscriptions (page)';
  if (/\/providers\/Microsoft\.Security\/pricings$/i.test(request.path)) return request.query.$filter ? 'GET pricings?$filter' : 'GET pricings (unfiltered)';
  return `${request.method} ${request.path.replace(/\/subscriptions\/[^/]+/, '/subscriptions/{id}')}`;
}

export async function measureFleet(connector: LoopbackConnector, { subscriptions = 500, latencyMs = 100, concurrency = 16 } = {}): Promise<FleetResult> {
  const seedFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'defender-fleet-')), 'fleet-seed.json');
  writeFileSync(seedFile, JSON.stringify(generateFleetSeed(subscriptions, { faults: { latencyMs } })));
  const bot = await startInProcessBot({ DEFENDER_SIMULATOR_SEED: seedFile, DEFENDER_FLEET_CONCURRENCY: String(concurrency) });
  const simulator = bot.arm.simulator!;
  const client = new BotClient(bot.url);
  const runs: FleetRun[] = [];
  try {
    for (const label of ['cold', 'warm'] as const) {
      simulator.clearRequests();
      const activity = messageActivity('list', REQUESTER, connector.url);
      const answered = connector.waitFor((delivery) => answers(delivery, activity.id) && isCardAnswer(delivery), 120_000);
      const sentAt = performance.now();
      const [delivery] = await Promise.all([answered, client.post(activity)]);
      const wallMs = delivery.receivedAtMs - sentAt;
      const log = simulator.requests();
      const armCallsByKind: Record<string, number> = {};
      for (const request of log) armCallsByKind[kindOf(request)] = (armCallsByKind[kindOf(request)] ?? 0) + 1;
      const pages = armCallsByKind['GET /subscriptions (page)'] ?? 0;
      const idealBoundMs = Math.ceil(log.length / concurrency) * latencyMs;
      runs.push({
        label,
        wallMs: round(wallMs, 0),
        armCalls: log.length,
        armCallsByKind,
        armCallsPerSubscription: round(log.length / subscriptions, 3),
        pricingListsWithFilter: armCallsByKind['GET pricings?$filter'] ?? 0,
        idealBoundMs,
        ratioToBound: round(wallMs / idealBoundMs),
        boundWithSequentialPagesMs: pages * latencyMs + Math.ceil((log.length - pages) / concurrency) * latencyMs,
        answeredAs: delivery.kind === 'update' ? 'update of the working card' : 'new message',
      });
    }
  } finally {
    client.close();
    await bot.close();
  }
  return { subscriptions, latencyMs, concurrency, runs };
}
