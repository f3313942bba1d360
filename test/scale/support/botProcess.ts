/** A real bot process (`src/main.ts`, as `npm start` runs it) for multi-instance tests. */
import type { ChildProcess } from 'node:child_process';
import { listeningUrl, runBot } from '../../support/botProcess';

export interface BotProcess {
  url: string;
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  stop(): Promise<number | null>;
}

/** Spawns a bot on a free port and resolves once it logs the URL it listens on. */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const bot = runBot({ PORT: '0', DEFENDER_LOG_LEVEL: 'info', ...env });
  const url = await listeningUrl(bot);
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
