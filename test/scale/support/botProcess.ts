/** A real bot process (`src/main.ts`, as `npm start` runs it) for multi-instance tests. */
import type { ChildProcess } from 'node:child_process';
import { runBot } from '../../support/botProcess';

const START_TIMEOUT_MS = 45_000;

export interface BotProcess {
  url: string;
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  stop(): Promise<number | null>;
}

/** The bot as `npm start` runs it (test/support/botProcess.ts), for tests that wait for its exit themselves. */
export const spawnBot = runBot;
export type SpawnedBot = ReturnType<typeof runBot>;

/** Spawns a bot on a free port and resolves once it logs the URL it listens on. */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const bot = spawnBot({ PORT: '0', DEFENDER_LOG_LEVEL: 'info', ...env });
  const url = await new Promise<string>((resolve, reject) => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    const timer = setInterval(() => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(bot.output().stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        bot.child.kill('SIGKILL');
        reject(new Error(`BotStartTimeout: no "listening" line within ${START_TIMEOUT_MS} ms: ${bot.output().stderr}`));
      }
    }, 50);
    bot.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`BotExited: the bot exited with ${code} before listening: ${bot.output().stderr}`));
    });
  });
  return {
    url,
    child: bot.child,
    output: bot.output,
    async stop() {
      if (bot.child.exitCode !== null) return bot.child.exitCode;
      bot.child.kill('SIGTERM');
      const forceKill = setTimeout(() => bot.child.kill('SIGKILL'), 10_000);
      const code = await bot.exited;
      clearTimeout(forceKill);
      return code;
    },
  };
}
