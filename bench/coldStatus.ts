/**
 * B5, cold status: the first `status "<name>"` a freshly started bot answers, among generateFleetSeed(5000) with
 * 150 ms per ARM call, on a subscription with API Management (the deepest status). Fresh bots, 3 of each kind: asked
 * once /readyz says ready (the subscription directory is loaded), or the moment it listens (the directory is still
 * loading); medians. "Round trips deep" is the longest chain of the turn's ARM calls in which each starts after the
 * one before it answered, counted from the simulator's log (calls in flight when the message arrived count too). The
 * directory's own list pages, still loading right after start, are counted apart as background: the status looks its
 * name up with one search instead of waiting for them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ArmTransport } from '../src/azure/armTransport';
import { listSubscriptionsFromArm } from '../src/azure/armFleetReads';
import { SimulatorCredential } from '../src/azure/credentials';
import { SUBSCRIPTIONS_QUERY } from '../src/azure/resourceGraph/queries';
import { generateFleetSeed, type ArmSimulator, type RecordedRequest } from '../src/azure/simulator';
import { BotClient } from './botClient';
import { answers } from './loadDriver';
import type { BenchTeams } from './teams';
import { startInProcessBot } from './inProcessBot';
import { waitUntilReady } from './readiness';
import { median, round } from './stats';
import { isCardAnswer } from './turnCost';

export type ColdStatusLabel = 'after /readyz' | 'right after start';

export interface ColdStatusRun {
  label: ColdStatusLabel;
  /** Medians over `samples`. */
  wallMs: number;
  armCalls: number;
  roundTripsDeep: number;
  /** Pages of the subscription directory's list that were loading meanwhile (not part of armCalls). */
  backgroundCalls: number;
  samples: Array<{ wallMs: number; armCalls: number; roundTripsDeep: number; backgroundCalls: number }>;
  /** Method and path of each call of the last sample, in arrival order. */
  requests: string[];
}

export interface ColdStatusResult {
  measuredAt: string;
  subscriptions: number;
  latencyMs: number;
  subscription: string;
  runs: ColdStatusRun[];
  /** The baseline, measured in the same run: what a cold status paid before to resolve a name, paging GET /subscriptions. */
  pagingSubscriptions: { wallMs: number; pages: number };
}

/** Longest chain of calls where each arrived at least one latency (less a little jitter) after the previous one. */
export function roundTripsDeep(arrivalsMs: number[], latencyMs: number): number {
  const sorted = [...arrivalsMs].sort((a, b) => a - b);
  const depth: number[] = [];
  sorted.forEach((arrival, index) => {
    const before = sorted.slice(0, index).map((earlier, at) => (arrival - earlier >= latencyMs * 0.9 ? depth[at] : 0));
    depth.push(1 + Math.max(0, ...before));
  });
  return Math.max(0, ...depth);
}

const SAMPLES_PER_KIND = 3;

/** A page of the subscription directory's whole list (start-up's warm-up), not a call of the status turn. */
const isDirectoryListPage = (request: RecordedRequest) => (request.body as { query?: unknown } | undefined)?.query === SUBSCRIPTIONS_QUERY.text;

function describeRequest(request: RecordedRequest): string {
  const path = request.path.replace(/^\/subscriptions\/[^/]+/, '/subscriptions/{id}').replace(/\/resourceGroups\/[^/]+\/providers\/Microsoft\.ApiManagement\/service\/[^/]+/, '/…/service/{name}');
  return `${request.method} ${path}`;
}

/** The old way to resolve a name on a cold start: every page of GET /subscriptions, one after another. */
async function measurePaging(simulator: ArmSimulator): Promise<ColdStatusResult['pagingSubscriptions']> {
  const transport = new ArmTransport({ credential: new SimulatorCredential(), endpoint: simulator.url, caCertificate: simulator.caCertificate, now: () => new Date() });
  simulator.clearRequests();
  const startedAt = performance.now();
  await listSubscriptionsFromArm(transport);
  return { wallMs: round(performance.now() - startedAt, 0), pages: simulator.requests().length };
}

async function askOnce(teams: BenchTeams, url: string, text: string) {
  const client = new BotClient(url);
  try {
    const activity = teams.message(text);
    const answered = teams.connector.nextCall((call) => answers(call, activity.id) && isCardAnswer(call), { timeoutInMs: 60_000, what: 'the status card' });
    const sentAtWallMs = Date.now();
    const sentAt = performance.now();
    const [answer] = await Promise.all([answered, client.post(activity)]);
    return { sentAtWallMs, wallMs: answer.receivedAtMs - sentAt };
  } finally {
    client.close();
  }
}

export async function measureColdStatus(teams: BenchTeams, { subscriptions = 5000, latencyMs = 150 } = {}): Promise<ColdStatusResult> {
  const seed = generateFleetSeed(subscriptions, { faults: { latencyMs } });
  const target = seed.subscriptions.slice(Math.floor(subscriptions / 2)).find((subscription) => subscription.apiManagementServices?.length)!;
  const seedFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'defender-cold-')), 'fleet-seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const runs: ColdStatusRun[] = [];
  let pagingSubscriptions: ColdStatusResult['pagingSubscriptions'] | undefined;
  for (const label of ['after /readyz', 'right after start'] as const) {
    const samples: ColdStatusRun['samples'] = [];
    let requests: string[] = [];
    for (let sample = 0; sample < SAMPLES_PER_KIND; sample += 1) {
      const bot = await startInProcessBot({ DEFENDER_SIMULATOR_SEED: seedFile });
      try {
        if (label === 'after /readyz') await waitUntilReady(bot.url);
        const { sentAtWallMs, wallMs } = await askOnce(teams, bot.url, `status "${target.displayName}"`);
        const arrivedMs = (request: RecordedRequest) => Date.parse(request.time);
        const meanwhile = bot.arm.simulator!.requests().filter((request) => arrivedMs(request) >= sentAtWallMs - latencyMs && arrivedMs(request) <= sentAtWallMs + wallMs);
        const inTurn = meanwhile.filter((request) => !isDirectoryListPage(request));
        samples.push({
          wallMs: round(wallMs, 0),
          armCalls: inTurn.length,
          roundTripsDeep: roundTripsDeep(inTurn.map(arrivedMs), latencyMs),
          backgroundCalls: meanwhile.length - inTurn.length,
        });
        requests = inTurn.map(describeRequest);
        pagingSubscriptions ??= await measurePaging(bot.arm.simulator!);
      } finally {
        await bot.close();
      }
    }
    const middle = (pick: (sample: ColdStatusRun['samples'][number]) => number) => median(samples.map(pick));
    runs.push({
      label,
      wallMs: middle((sample) => sample.wallMs),
      armCalls: middle((sample) => sample.armCalls),
      roundTripsDeep: middle((sample) => sample.roundTripsDeep),
      backgroundCalls: middle((sample) => sample.backgroundCalls),
      samples,
      requests,
    });
  }
  return { measuredAt: new Date().toISOString(), subscriptions, latencyMs, subscription: target.displayName, runs, pagingSubscriptions: pagingSubscriptions! };
}
