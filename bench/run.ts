/**
 * `npm run bench`: B1 turn cost against a bare echo bot, B2 fleet (Resource Graph against the per-subscription path),
 * B3 approval to enabled, B4 footprint, B5 cold status, B6 a watch scan. Writes bench/results.json and prints a table.
 * Not a test: nothing here passes or fails, and the exit code is 0 whatever the numbers. BENCH_SKIP_PROFILE=1 skips the
 * profiled B1 pass (about a minute). BENCH_ONLY=B2,B5,B6 re-measures just those parts into the existing results.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BotClient } from './botClient';
import { REPO_ROOT } from './childProcess';
import { measureColdStarts } from './coldStart';
import { buildDefender, startDefender, startEchoBot } from './defenderProcess';
import { describeMachine, finishMachine } from './machine';
import { measureApproval } from './approval';
import { measureFleet } from './fleet';
import { measureColdStatus } from './coldStatus';
import { measureWatch } from './watch';
import { headlines } from './headlines';
import type { BenchResults } from './results';
import { markdownTable, printTable } from './report';
import { countStatusArmCalls } from './statusCalls';
import { measureTemplating } from './templating';
import { round } from './stats';
import { startBenchTeams } from './teams';
import { isCardAnswer, isTextAnswer, measureTurnCost } from './turnCost';
import { profileStatusTurns } from './turnProfile';

const B1 = { count: 2000, concurrency: 16, warmupCount: 200, blocks: 4, text: 'status "Contoso Prod"' };
const say = (line: string) => process.stdout.write(`bench: ${line}\n`);
const B6_WORDS = 'B6: a watch scan of 5,000 subscriptions at 150 ms per ARM call: Resource Graph, then per subscription';

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((part) => part.trim().toUpperCase()).filter(Boolean);
  if (only?.length) return partial(only);
  const machine = describeMachine();
  say(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage.atStart.join(' ')}`);
  const teams = await startBenchTeams();

  say('building the bot (tsc -p tsconfig.build.json into bench/out/dist)…');
  const runtime = await buildDefender();
  say(`B4: cold start of ${runtime.description}…`);
  const defender = await startDefender('defender', runtime.nodeArgs);
  const echo = await startEchoBot();
  const rssIdle = defender.rssMb();

  say(`B1: ${B1.count} messages each to echo and status at concurrency ${B1.concurrency} (after ${B1.warmupCount} warm-up each)…`);
  const turnCost = await measureTurnCost(
    [
      { name: 'echo', client: new BotClient(echo.url), text: B1.text, isAnswer: isTextAnswer },
      { name: 'status', client: new BotClient(defender.url), text: B1.text, isAnswer: isCardAnswer },
    ],
    { teams, count: B1.count, concurrency: B1.concurrency, warmupCount: B1.warmupCount, blocks: B1.blocks },
  );
  const rssAfterB1 = defender.rssMb();
  const echoRssAfterB1 = echo.rssMb();
  await Promise.all([defender.stop(), echo.stop()]);

  say('B4: cold starts, 3 × compiled and 3 × tsx, alternating…');
  const coldStarts = await measureColdStarts(runtime.buildMs === undefined ? undefined : runtime.nodeArgs);

  say('B1: ARM calls of one status turn…');
  const statusArmCalls = await countStatusArmCalls(teams, B1.text);
  let profile;
  if (process.env.BENCH_SKIP_PROFILE !== '1' && runtime.buildMs !== undefined) {
    say('B1: profiling 1000 status turns (node --cpu-prof)…');
    profile = await profileStatusTurns(teams, runtime.nodeArgs);
  }

  say('B1: templating cost of one status card, as built and with the parsed template reused…');
  const templating = await measureTemplating();

  say('B2: list over 5,000 subscriptions at 150 ms per ARM call: Resource Graph cold, warm, then per subscription…');
  const fleet = await measureFleet(teams);
  say('B3: approve → enabled at 100 ms per ARM call, 5 runs…');
  const approval = await measureApproval(teams, { runs: 5 });
  say('B5: cold status among 5,000 subscriptions at 150 ms per ARM call…');
  const coldStatus = await measureColdStatus(teams);
  await teams.connector.close();
  say(`${B6_WORDS}…`);
  const watch = await measureWatch();

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: finishMachine(machine),
    b1TurnCost: {
      ...B1,
      targets: turnCost,
      ratios: {
        p50: round(turnCost.status.p50Ms / turnCost.echo.p50Ms),
        p99: round(turnCost.status.p99Ms / turnCost.echo.p99Ms),
        throughput: round(turnCost.status.throughputPerSec / turnCost.echo.throughputPerSec),
      },
      statusArmCalls,
      templating,
      profile,
    },
    b2Fleet: fleet,
    b3Approval: approval,
    b4Footprint: {
      runtime: runtime.description,
      buildMs: runtime.buildMs === undefined ? undefined : round(runtime.buildMs, 0),
      buildProblem: runtime.buildProblem,
      coldStartMs: coldStarts.compiledMs.length ? coldStarts.compiledMedianMs : coldStarts.tsxMedianMs,
      firstColdStartMs: round(defender.coldStartMs, 0),
      coldStarts,
      tsxColdStartMs: coldStarts.tsxMedianMs,
      echoColdStartMs: round(echo.coldStartMs, 0),
      rssIdleMb: rssIdle,
      rssAfterB1Mb: rssAfterB1,
      echoRssAfterB1Mb: echoRssAfterB1,
    },
    b5ColdStatus: coldStatus,
    b6Watch: watch,
  };
  report(results);
}

const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results.json');

function report(results: BenchResults): void {
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2) + '\n');
  const rows = headlines(results);
  process.stdout.write(`\n${printTable(rows)}\n\n`);
  if (process.env.BENCH_MARKDOWN === '1') process.stdout.write(`${markdownTable(rows)}\n\n`);
  const { loadAverage } = results.partialRuns?.at(-1)?.machine ?? results.machine;
  say(`load average ${loadAverage.atStart.join(' ')} → ${loadAverage.atEnd!.join(' ')}; results in bench/results.json`);
}

/** BENCH_ONLY: the parts that need no build (B2, B5, B6), measured into the results of the last full run. */
async function partial(parts: string[]): Promise<void> {
  const unknown = parts.filter((part) => !['B2', 'B5', 'B6'].includes(part));
  if (unknown.length) throw new Error(`BENCH_ONLY: ${unknown.join(', ')} cannot run alone; use B2, B5 and/or B6, or unset BENCH_ONLY for the full run`);
  const machine = describeMachine();
  const results = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as BenchResults;
  const teams = await startBenchTeams();
  try {
    if (parts.includes('B2')) {
      say('B2: list over 5,000 subscriptions at 150 ms per ARM call: Resource Graph cold, warm, then per subscription…');
      results.b2Fleet = await measureFleet(teams);
    }
    if (parts.includes('B5')) {
      say('B5: cold status among 5,000 subscriptions at 150 ms per ARM call…');
      results.b5ColdStatus = await measureColdStatus(teams);
    }
  } finally {
    await teams.connector.close();
  }
  if (parts.includes('B6')) {
    say(`${B6_WORDS}…`);
    results.b6Watch = await measureWatch();
  }
  results.partialRuns = [...(results.partialRuns ?? []), { parts, at: new Date().toISOString(), machine: finishMachine(machine) }];
  report(results);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
