/**
 * Child processes of the e2e run (bot, playgrounds): each in its own process group, its output kept in a log
 * file for failure reports, and stopped group-wide so nothing outlives the run, even when a test fails.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { once } from 'node:events';

export interface ChildOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
}

export class RunningChild {
  private readonly output: string[] = [];
  private readonly exited: Promise<void>;

  constructor(readonly name: string, readonly logFile: string, private readonly child: ChildProcess) {
    const log = fs.createWriteStream(logFile);
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString('utf8'));
      log.write(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // A spawn failure (e.g. ENOENT) arrives as 'error', never as 'exit': keep it as output so waits report it.
    child.on('error', (error) => this.output.push(`\n[${name} could not run: ${error.message}]\n`));
    this.exited = Promise.race([once(child, 'exit'), once(child, 'error')]).then(() => {
      log.end();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null || this.child.pid === undefined;
  }

  text(): string {
    return this.output.join('');
  }

  /** Resolves with the first match of `pattern` in the output; fails early if the process dies first. */
  async waitForOutput(pattern: RegExp, timeoutInMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutInMs;
    for (;;) {
      const match = this.text().match(pattern);
      if (match) return match;
      if (this.hasExited) throw new Error(`${this.name} exited before printing ${pattern}. Its output:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutInMs} ms. Its output:\n${this.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  tail(lines = 40): string {
    return this.text().split('\n').slice(-lines).join('\n');
  }

  /** SIGTERM to the whole group (npx/tsx wrappers have children), SIGKILL if it lingers. */
  async stop(graceInMs = 5000): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (!this.hasExited) {
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceInMs);
      await this.exited;
      clearTimeout(timer);
    }
    // Descendants that ignored SIGTERM, or outlived a child that exited by itself, must not outlive the run.
    signalGroup(pid, 'SIGKILL');
    runningGroups.delete(pid);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Groups still running. Detached children would survive a Ctrl-C of mocha, whose after() hooks never run then. */
const runningGroups = new Set<number>();
let exitHandlersInstalled = false;

function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  const killAll = () => {
    for (const pid of runningGroups) signalGroup(pid, 'SIGKILL');
    runningGroups.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export function startChild(options: ChildOptions): RunningChild {
  installExitHandlers();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true, // its own process group, so stop() reaches every descendant
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) runningGroups.add(child.pid);
  return new RunningChild(options.name, options.logFile, child);
}
