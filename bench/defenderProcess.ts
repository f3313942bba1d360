/**
 * How the bench runs the real bot: `node bench/out/dist/index.js`, compiled by tsc with tsconfig.build.json into
 * bench/out (so the bench never touches the project's dist/). If the build fails (another engineer mid-edit),
 * it falls back to tsx on src/index.ts and says so in the results.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { OUT_DIR, REPO_ROOT, startChild, type RunningChild } from './childProcess';

export interface DefenderRuntime {
  /** What was spawned, for the results. */
  description: string;
  nodeArgs: string[];
  buildMs?: number;
  buildProblem?: string;
}

const COMPILED_ENTRY = path.join(OUT_DIR, 'dist', 'index.js');
export const TSX_ARGS = ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'index.ts')];

export async function buildDefender(): Promise<DefenderRuntime> {
  const startedAt = performance.now();
  try {
    await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(OUT_DIR, 'dist')], { cwd: REPO_ROOT });
    return { description: 'node bench/out/dist/index.js (tsc -p tsconfig.build.json)', nodeArgs: [COMPILED_ENTRY], buildMs: performance.now() - startedAt };
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? (error as Error).message;
    return { description: 'tsx src/index.ts (the tsc build failed)', nodeArgs: TSX_ARGS, buildProblem: output.split('\n').slice(0, 5).join('\n') };
  }
}

/** The bot in demo mode (anonymous, in-process ARM simulator on a free port), its data in a fresh temp dir. */
export function startDefender(name: string, nodeArgs: string[], extraEnv: Record<string, string> = {}): Promise<RunningChild> {
  return startChild({
    name,
    nodeArgs,
    env: {
      DEFENDER_MODE: 'demo',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      DEFENDER_SIMULATOR_PORT: '0',
      DEFENDER_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'defender-bench-')),
      ...extraEnv,
    },
  });
}

export function startEchoBot(): Promise<RunningChild> {
  return startChild({ name: 'echo-bot', nodeArgs: ['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'echoBot.ts')], env: {} });
}
