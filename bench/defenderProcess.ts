/**
 * How the bench runs the real bot: `node bench/out/dist/main.js`, what `npm run start:prod` runs from dist/, compiled
 * by tsc with tsconfig.build.json into bench/out (so the bench never touches the project's dist/). If the build fails
 * (another engineer mid-edit), it falls back to `node --import tsx src/main.ts` and says so in the results.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { OUT_DIR, REPO_ROOT, startChild, type RunningChild } from './childProcess';

export interface DefenderRuntime {
  /** What was spawned, for the results. */
  description: string;
  nodeArgs: string[];
  buildMs?: number;
  buildProblem?: string;
}

const COMPILED_ENTRY = path.join(OUT_DIR, 'dist', 'main.js');
export const TSX_ARGS = ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'main.ts')];

const compile = () =>
  promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(OUT_DIR, 'dist')], { cwd: REPO_ROOT });

/** Compiles the bot; one retry, since a failure is usually another engineer's half-saved file. */
export async function buildDefender(): Promise<DefenderRuntime> {
  let problem = '';
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const startedAt = performance.now();
    try {
      await compile();
      return { description: 'node bench/out/dist/main.js (tsc -p tsconfig.build.json)', nodeArgs: [COMPILED_ENTRY], buildMs: performance.now() - startedAt };
    } catch (error) {
      problem = ((error as { stdout?: string }).stdout || (error as Error).message).split('\n').slice(0, 5).join('\n');
      if (attempt === 1) await sleep(5_000);
    }
  }
  return { description: 'node --import tsx src/main.ts (the tsc build failed)', nodeArgs: TSX_ARGS, buildProblem: problem };
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
      // Demo mode's own in-process simulator, even if the shell points demo mode at a shared one.
      DEFENDER_ARM_ENDPOINT: '',
      DEFENDER_ARM_CA_FILE: '',
      DEFENDER_SIMULATOR_PORT: '0',
      DEFENDER_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'defender-bench-')),
      ...extraEnv,
    },
  });
}

export function startEchoBot(): Promise<RunningChild> {
  return startChild({ name: 'echo-bot', nodeArgs: ['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'echoBot.ts')], env: {} });
}
