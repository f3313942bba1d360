/** `npm start` (src/main.ts) as a real child process with a clean environment: only PATH, HOME and what a test gives. */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export type BotProcess = ReturnType<typeof runBot>;

/**
 * One process, `node --import tsx src/main.ts`, as `npm start` runs it: a signal, SIGKILL included, reaches the bot
 * itself. (The tsx binary would run the bot as its child, and a SIGKILL to tsx would leave the bot running.)
 */
export function runBot(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** The URL from the start-up log line (needs DEFENDER_LOG_LEVEL=info); fails if the process exits first. */
export function listeningUrl(bot: BotProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(bot.output().stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 50);
    void bot.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited early with ${code}: ${bot.output().stderr}`));
    });
  });
}
