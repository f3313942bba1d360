/**
 * B6, the watch: one scan of generateFleetSeed(5000) with 150 ms per ARM call, on a bot built by the composition root
 * (demo mode, the watch on, its timer a day apart so only the bench scans). After the start-up baseline: scans from
 * Resource Graph (median of 5, a quota window apart), then one with Resource Graph refused (403), where coverage, the
 * API Management inventory and the alerts are read one subscription at a time: the baseline measured in the same run.
 * Calls are counted from the simulator's request log, by kind.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateFleetSeed, type RecordedRequest } from '../src/azure/simulator';
import type { ScanReport } from '../src/core/watch/watchService';
import { startInProcessBot } from './inProcessBot';
import { waitUntilReady } from './readiness';
import { median, round } from './stats';

export type WatchRunLabel = 'resource graph' | 'per subscription (fallback)';

export interface WatchRun {
  label: WatchRunLabel;
  wallMs: number;
  samplesMs: number[];
  armCalls: number;
  /** Resource Graph queries (pages included): what the "at most 10 calls" target counts. */
  graphCalls: number;
  armCallsByKind: Record<string, number>;
  /** What the scan reported: outcome, source, findings (0: nothing changed between these scans). */
  report: string;
}

export interface WatchResult {
  measuredAt: string;
  subscriptions: number;
  latencyMs: number;
  concurrency: number;
  /** API Management services on covered subscriptions: the scan lists each one's APIs (Resource Graph has no APIs). */
  coveredServices: number;
  runs: WatchRun[];
  /** Resource Graph scan wall time ÷ the per-subscription scan's, in this run. */
  graphToFallbackRatio: number;
}

const GRAPH_QUERY = /\/providers\/Microsoft\.ResourceGraph\/resources$/i;
const QUOTA_WINDOW_MS = 5_100;
const GRAPH_SAMPLES = 5;

function kindOf(request: RecordedRequest): string {
  if (GRAPH_QUERY.test(request.path)) return request.status === 200 ? 'Resource Graph query' : `Resource Graph query (${request.status})`;
  if (request.path === '/subscriptions') return 'GET /subscriptions (page)';
  if (/\/service\/[^/]+\/apis$/i.test(request.path)) return 'GET APIs of a service';
  if (/\/pricings$/i.test(request.path)) return 'GET pricings';
  if (/\/Microsoft\.ApiManagement\/service$/i.test(request.path)) return 'GET API Management services';
  if (/\/apiCollections$/i.test(request.path)) return 'GET API collections';
  if (/\/Microsoft\.Security\/alerts$/i.test(request.path)) return 'GET alerts (page)';
  return `${request.method} ${request.path.replace(/\/subscriptions\/[^/]+/, '/subscriptions/{id}')}`;
}

function describe(report: ScanReport): string {
  if (report.outcome !== 'scanned') return report.outcome;
  return `${report.outcome} from ${report.source}, ${report.found} findings`;
}

export async function measureWatch({ subscriptions = 5000, latencyMs = 150, concurrency = 16 } = {}): Promise<WatchResult> {
  const seed = generateFleetSeed(subscriptions, { faults: { latencyMs } });
  const seedFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'defender-watch-')), 'fleet-seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const bot = await startInProcessBot({
    DEFENDER_SIMULATOR_SEED: seedFile,
    DEFENDER_FLEET_CONCURRENCY: String(concurrency),
    DEFENDER_APPROVAL_CONVERSATION: '19:bench-approvers@thread.tacv2',
    DEFENDER_WATCH_INTERVAL: 'P1D',
  });
  const simulator = bot.arm.simulator!;
  const runs: WatchRun[] = [];
  try {
    await waitUntilReady(bot.url);
    await bot.background.drain(); // the start-up scan: the baseline
    for (const label of ['resource graph', 'per subscription (fallback)'] as const) {
      const samplesMs: number[] = [];
      let last: Omit<WatchRun, 'label' | 'wallMs' | 'samplesMs'> | undefined;
      for (let sample = 0; sample < (label === 'resource graph' ? GRAPH_SAMPLES : 1); sample += 1) {
        await new Promise((resolve) => setTimeout(resolve, QUOTA_WINDOW_MS));
        if (label !== 'resource graph') {
          simulator.failNext({ method: 'POST', pathIncludes: '/providers/Microsoft.ResourceGraph/resources', status: 403, code: 'AuthorizationFailed', message: 'The bench refuses Resource Graph.', count: 1 });
        }
        simulator.clearRequests();
        const startedAt = performance.now();
        const report = await bot.watch!.scanNow();
        samplesMs.push(round(performance.now() - startedAt, 0));
        const log = simulator.requests();
        const armCallsByKind: Record<string, number> = {};
        for (const request of log) armCallsByKind[kindOf(request)] = (armCallsByKind[kindOf(request)] ?? 0) + 1;
        last = { armCalls: log.length, graphCalls: log.filter((request) => GRAPH_QUERY.test(request.path)).length, armCallsByKind, report: describe(report) };
      }
      runs.push({ label, wallMs: median(samplesMs), samplesMs, ...last! });
    }
  } finally {
    await bot.close();
  }
  const covered = new Set(seed.subscriptions.filter((subscription) => subscription.pricings?.some((pricing) => pricing.name === 'Api' && pricing.pricingTier === 'Standard')).map((subscription) => subscription.subscriptionId));
  const coveredServices = seed.subscriptions.filter((subscription) => covered.has(subscription.subscriptionId)).reduce((total, subscription) => total + (subscription.apiManagementServices?.length ?? 0), 0);
  const [graph, fallback] = runs;
  return { measuredAt: new Date().toISOString(), subscriptions, latencyMs, concurrency, coveredServices, runs, graphToFallbackRatio: round(graph.wallMs / fallback.wallMs, 4) };
}
