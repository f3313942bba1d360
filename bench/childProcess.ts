/**
 * Bots under test run as child processes, so their RSS is their own and the bench's client/connector work does not
 * share their event loop. Cold start = spawn → first 200 from GET /healthz, polled every few milliseconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { probe } from './botClient';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const OUT_DIR = path.join(REPO_ROOT, 'bench', 'out');

export interface RunningChild {
  name: string;
  pid: number;
  url: string;
  /** Spawn to first healthy /healthz. */
  coldStartMs: number;
  rssMb(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

export interface ChildSpec {
  name: string;
  /** Arguments to `node` (the script, and --import tsx when it is TypeScript). */
  nodeArgs: string[];
  env: Record<string, string>;
  coldStartTimeoutMs?: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM (peak) from /proc: what the kernel charges the process, heap and native alike. */
export function readRssMb(pid: number): { rssMb: number; peakRssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

export async function startChild(spec: ChildSpec): Promise<RunningChild> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const port = await freePort();
  const logPath = path.join(OUT_DIR, `${spec.name}.log`);
  const log = fs.openSync(logPath, 'w');
  const startedAt = performance.now();
  const child = spawn(process.execPath, spec.nodeArgs, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...spec.env, PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const url = `http://127.0.0.1:${port}`;
  const deadline = startedAt + (spec.coldStartTimeoutMs ?? 60_000);
  while ((await probe(`${url}/healthz`)) !== 200) {
    if (exitCode !== undefined) throw new Error(`${spec.name} exited with ${exitCode} before it was healthy; see ${logPath}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} was not healthy within ${spec.coldStartTimeoutMs ?? 60_000} ms; see ${logPath}`);
    }
    await sleep(5);
  }
  const coldStartMs = performance.now() - startedAt;
  return {
    name: spec.name,
    pid: child.pid!,
    url,
    coldStartMs,
    rssMb: () => readRssMb(child.pid!),
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  // The bot drains in-flight turns on SIGTERM; ten seconds is plenty for an idle one.
  if (timedOut) child.kill('SIGKILL');
}
