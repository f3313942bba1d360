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

/** How long a bot may take to log its URL: tsx compiles the whole bot on a cold start, on a shared 2-core machine. */
const DEFAULT_START_TIMEOUT_MS = 45_000;

/**
 * The URL from the start-up log line (needs DEFENDER_LOG_LEVEL=info, the default); fails if the process exits first,
 * or kills it and fails if no URL is logged within `timeoutInMs`, so a hung start never outlives its test.
 */
export function listeningUrl(bot: BotProcess, { timeoutInMs = DEFAULT_START_TIMEOUT_MS }: { timeoutInMs?: number } = {}): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const deadline = Date.now() + timeoutInMs;
    const timer = setInterval(() => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(bot.output().stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        bot.child.kill('SIGKILL');
        reject(new Error(`BotStartTimeout: no "listening" line within ${timeoutInMs} ms: ${bot.output().stderr}`));
      }
    }, 50);
    void bot.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`BotExited: the bot exited with ${code} before listening: ${bot.output().stderr}`));
    });
  });
}
