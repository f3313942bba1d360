/** The shape of bench/results.json. */
import type { ApprovalResult } from './approval';
import type { ColdStarts } from './coldStart';
import type { ColdStatusResult } from './coldStatus';
import type { FleetResult } from './fleet';
import type { MachineInfo } from './machine';
import type { TemplatingCost } from './templating';
import type { TargetStats } from './turnCost';
import type { TurnProfile } from './turnProfile';
import type { WatchResult } from './watch';

export interface BenchResults {
  generatedAt: string;
  machine: MachineInfo;
  b1TurnCost: {
    count: number;
    concurrency: number;
    warmupCount: number;
    blocks: number;
    text: string;
    targets: Record<string, TargetStats>;
    /** status ÷ echo, measured in the same run. */
    ratios: { p50: number; p99: number; throughput: number };
    statusArmCalls: { calls: number; requests: string[] };
    templating: TemplatingCost;
    profile?: TurnProfile;
  };
  b2Fleet: FleetResult;
  b3Approval: ApprovalResult;
  b4Footprint: {
    runtime: string;
    buildMs?: number;
    buildProblem?: string;
    /** Median of the repeated cold starts (compiled, or tsx when the build failed). */
    coldStartMs: number;
    /** The bot used for B1: the first spawn of the run. */
    firstColdStartMs: number;
    coldStarts: ColdStarts;
    tsxColdStartMs: number;
    echoColdStartMs: number;
    rssIdleMb: { rssMb: number; peakRssMb: number };
    rssAfterB1Mb: { rssMb: number; peakRssMb: number };
    echoRssAfterB1Mb: { rssMb: number; peakRssMb: number };
  };
  b5ColdStatus: ColdStatusResult;
  /** Absent in results from before the watch existed. */
  b6Watch?: WatchResult;
  /** Set when `BENCH_ONLY` re-measured some parts into an earlier run's results: which, when, and on what. */
  partialRuns?: Array<{ parts: string[]; at: string; machine: MachineInfo }>;
}
