/**
 * B2 and B3 need the simulator's request log and state, so they run the bot in this process through the composition
 * root (startDefenderBot with a config from loadConfig, exactly as `npm start` builds it), logging at warn.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { startDefenderBot, type RunningBot } from '../src/index';

export async function startInProcessBot(extraEnv: Record<string, string> = {}): Promise<RunningBot> {
  const config = loadConfig({
    DEFENDER_MODE: 'demo',
    PORT: '0',
    DEFENDER_SIMULATOR_PORT: '0',
    DEFENDER_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'defender-bench-')),
    ...extraEnv,
  });
  return startDefenderBot(config, { logger: createLogger({ level: 'warn' }) });
}
