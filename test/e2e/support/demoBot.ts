/**
 * The real bot in demo mode (`node --import tsx <the start script's entry>`), on free ports with its own data directory,
 * as `npm start` runs it. The ARM simulator runs inside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RunningChild, startChild } from './childProcess';
import { freePort, waitForHttpOk } from './network';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface DemoBot {
  process: RunningChild;
  port: number;
  simulatorPort: number;
  messagesUrl: string;
}

/** The entry point `npm start` runs (`node --import tsx src/main.ts`), so the test follows it if it moves. */
export function startScriptEntry(): string {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const entry = scripts.start?.match(/^(?:node (?:--\S+ )*--import tsx|tsx)\s+(\S+\.ts)$/)?.[1];
  if (!entry) throw new Error(`package.json "start" is "${scripts.start}"; the e2e runner expects "node --import tsx <entry>.ts"`);
  return entry;
}

/** Variables of the developer's shell that would change the demo (credentials, policies) are not passed on. */
function demoEnvironment(inherited: NodeJS.ProcessEnv, settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (name.startsWith('DEFENDER_') || name.startsWith('MicrosoftApp') || name === 'PORT') continue;
    env[name] = value;
  }
  return { ...env, ...settings };
}

export async function startDemoBot(options: { dataDir: string; logFile: string; inheritedEnv: NodeJS.ProcessEnv }): Promise<DemoBot> {
  const port = await freePort();
  const simulatorPort = await freePort();
  const child = startChild({
    name: 'bot',
    command: process.execPath,
    args: ['--import', 'tsx', startScriptEntry()],
    cwd: REPO_ROOT,
    env: demoEnvironment(options.inheritedEnv, {
      DEFENDER_MODE: 'demo',
      PORT: String(port),
      DEFENDER_SIMULATOR_PORT: String(simulatorPort),
      DEFENDER_DATA_DIR: options.dataDir,
      DEFENDER_LOG_LEVEL: 'debug',
      // The playground team's General channel: the approvers' channel, where the watch posts its cards.
      DEFENDER_APPROVAL_CONVERSATION: 'team-cloud-platform',
    }),
    logFile: options.logFile,
  });
  // Starting tsx, the simulator's certificate and the store takes several seconds on a busy machine.
  try {
    await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, { timeoutInMs: 90_000, isAlive: () => !child.hasExited, describe: () => child.tail() });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { process: child, port, simulatorPort, messagesUrl: `http://127.0.0.1:${port}/api/messages` };
}
