/**
 * B2, fleet: `list` over generateFleetSeed(5000) (a seed file passed as DEFENDER_SIMULATOR_SEED) with 150 ms per ARM
 * call, on one bot: from Resource Graph cold (the first list) and warm (median of 5), then the old per-subscription
 * path (Resource Graph refused with a 403, so the bot falls back to one ARM read per subscription) as the baseline
 * measured in the same run. Calls are counted from the simulator's request log. Lists are a quota window apart, so
 * Resource Graph's quota (15 queries per 5 s) never holds one back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateFleetSeed, type RecordedRequest } from '../src/azure/simulator';
import { BotClient } from './botClient';
import { answers } from './loadDriver';
import type { ConnectorCall } from '../test/support/teamsConnector';
import type { BenchTeams } from './teams';
import { startInProcessBot } from './inProcessBot';
import { median, round } from './stats';
import { isCardAnswer } from './turnCost';
import { waitUntilReady } from './readiness';

export type FleetRunLabel = 'resource graph, cold' | 'resource graph, warm' | 'per subscription (fallback)';

export interface FleetRun {
  label: FleetRunLabel;
  /** Median of `samplesMs`. */
  wallMs: number;
  samplesMs: number[];
  armCalls: number;
  armCallsByKind: Record<string, number>;
  /** Calls one after another: Resource Graph pages follow each other's $skipToken. */
  sequentialCalls: number;
  /** The calls' latency alone: sequential pages × latency, or waves of `concurrency` reads × latency. */
  latencyBoundMs: number;
  /** The answer replaced a "working…" card (PUT) rather than arriving as a new message. */
  answeredAs: string;
  /** What the card's first lines said (the headline and where the rows came from). */
  cardSays: string;
}

export interface FleetResult {
  measuredAt: string;
  subscriptions: number;
  latencyMs: number;
  concurrency: number;
  runs: FleetRun[];
  /** Resource Graph (warm) wall time ÷ the per-subscription path's, in this run. */
  graphToFallbackRatio: number;
}

const GRAPH_QUERY = /\/providers\/Microsoft\.ResourceGraph\/resources$/i;
/** Resource Graph's documented quota window; a run waits it out so the runs do not share one. */
const QUOTA_WINDOW_MS = 5_100;
const PLAN: Array<{ label: FleetRunLabel; repeat: number }> = [
  { label: 'resource graph, cold', repeat: 1 },
  { label: 'resource graph, warm', repeat: 5 },
  { label: 'per subscription (fallback)', repeat: 1 },
];

function kindOf(request: RecordedRequest): string {
  if (GRAPH_QUERY.test(request.path)) return request.status === 200 ? 'POST Resource Graph query' : `POST Resource Graph query (${request.status})`;
  if (request.path === '/subscriptions') return 'GET /subscriptions (page)';
  if (/\/providers\/Microsoft\.Security\/pricings$/i.test(request.path)) return request.query.$filter ? 'GET pricings?$filter' : 'GET pricings (unfiltered)';
  return `${request.method} ${request.path.replace(/\/subscriptions\/[^/]+/, '/subscriptions/{id}')}`;
}

function firstTexts(card: unknown, count: number): string {
  const body = (card as { body?: Array<{ text?: string }> }).body ?? [];
  return body.map((element) => element.text).filter((text): text is string => typeof text === 'string').slice(1, 1 + count).join(' | ');
}

function describeCalls(log: RecordedRequest[], { latencyMs, concurrency, answer }: { latencyMs: number; concurrency: number; answer: ConnectorCall }) {
  const armCallsByKind: Record<string, number> = {};
  for (const request of log) armCallsByKind[kindOf(request)] = (armCallsByKind[kindOf(request)] ?? 0) + 1;
  const graphCalls = log.filter((request) => GRAPH_QUERY.test(request.path)).length;
  const sequentialCalls = graphCalls + Math.ceil((log.length - graphCalls) / concurrency);
  return {
    armCalls: log.length,
    armCallsByKind,
    sequentialCalls,
    latencyBoundMs: sequentialCalls * latencyMs,
    answeredAs: answer.kind === 'update' ? 'update of the working card' : 'new message',
    cardSays: firstTexts(answer.body?.attachments?.[0]?.content, 2),
  };
}

export async function measureFleet(teams: BenchTeams, { subscriptions = 5000, latencyMs = 150, concurrency = 16 } = {}): Promise<FleetResult> {
  const seedFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'defender-fleet-')), 'fleet-seed.json');
  writeFileSync(seedFile, JSON.stringify(generateFleetSeed(subscriptions, { faults: { latencyMs } })));
  // Seven lists in a minute is past the default per-user `list` limit (6/PT1M), which is not what is measured here.
  const bot = await startInProcessBot({ DEFENDER_SIMULATOR_SEED: seedFile, DEFENDER_FLEET_CONCURRENCY: String(concurrency), DEFENDER_RATE_LIMIT_LIST: '100/PT1M' });
  const simulator = bot.arm.simulator!;
  const client = new BotClient(bot.url);
  const runs: FleetRun[] = [];
  try {
    await waitUntilReady(bot.url);
    for (const { label, repeat } of PLAN) {
      const samplesMs: number[] = [];
      let last: Omit<FleetRun, 'label' | 'wallMs' | 'samplesMs'> | undefined;
      for (let sample = 0; sample < repeat; sample += 1) {
        await new Promise((resolve) => setTimeout(resolve, QUOTA_WINDOW_MS));
        if (label === 'per subscription (fallback)') {
          simulator.failNext({ method: 'POST', pathIncludes: '/providers/Microsoft.ResourceGraph/resources', status: 403, code: 'AuthorizationFailed', message: 'The bench refuses Resource Graph.', count: 1 });
        }
        simulator.clearRequests();
        const activity = teams.message('list');
        const answered = teams.connector.nextCall((call) => answers(call, activity.id) && isCardAnswer(call), { timeoutInMs: 180_000, what: 'the list' });
        const sentAt = performance.now();
        const [answer] = await Promise.all([answered, client.post(activity)]);
        samplesMs.push(round(answer.receivedAtMs - sentAt, 0));
        if (!JSON.stringify(answer.body?.attachments).includes('across subscriptions')) throw new Error(`B2: the ${label} list was not answered with the fleet card: ${JSON.stringify(answer.body?.attachments).slice(0, 300)}`);
        last = describeCalls(simulator.requests(), { latencyMs, concurrency, answer });
      }
      runs.push({ label, wallMs: median(samplesMs), samplesMs, ...last! });
    }
  } finally {
    client.close();
    await bot.close();
  }
  const warm = runs.find((run) => run.label === 'resource graph, warm')!;
  const fallback = runs.find((run) => run.label === 'per subscription (fallback)')!;
  return { measuredAt: new Date().toISOString(), subscriptions, latencyMs, concurrency, runs, graphToFallbackRatio: round(warm.wallMs / fallback.wallMs, 4) };
}
