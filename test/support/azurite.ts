/**
 * A real Azurite blob service for the tests: spawned on a free loopback port, in memory, and stopped by the test.
 * `npm test` needs nothing running beforehand. Azurite's well-known development account key is public
 * (it is in Azurite's README), so it is no secret.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const AZURITE_BIN = path.resolve(__dirname, '../../node_modules/.bin/azurite-blob');
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const START_TIMEOUT_MS = 20_000;

export interface RunningAzurite {
  port: number;
  blobEndpoint: string;
  connectionString: string;
  stop(): Promise<void>;
}

export function connectionStringFor(blobEndpoint: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${blobEndpoint};`;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startAzurite(): Promise<RunningAzurite> {
  const port = await freePort();
  // Run in a folder of its own, so nothing Azurite might write lands in the repository.
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'azurite-'));
  const child = spawn(
    AZURITE_BIN,
    ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--skipApiVersionCheck', '--loose', '--silent', '--disableTelemetry'],
    { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = () => stopChild(child).finally(() => rmSync(workspace, { recursive: true, force: true }));
  try {
    await waitForPort(port, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const blobEndpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
  return { port, blobEndpoint, connectionString: connectionStringFor(blobEndpoint), stop };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`AzuriteExited: azurite-blob exited with ${child.exitCode} before listening: ${output()}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`AzuriteTimeout: azurite-blob did not listen on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms: ${output()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

let containerCount = 0;
/** A fresh container name per test, so tests sharing one Azurite never see each other's blobs. */
export function uniqueContainerName(purpose: string): string {
  containerCount += 1;
  return `${purpose}-${process.pid}-${containerCount}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63);
}
