/** Free ports and condition-based waits on HTTP endpoints. */
import http from 'node:http';
import net from 'node:net';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function httpGetStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.setTimeout(5000, () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}

/** Polls until `url` answers 200; `isAlive` lets a dead process fail the wait at once instead of at the deadline. */
export async function waitForHttpOk(url: string, options: { timeoutInMs: number; isAlive: () => boolean; describe: () => string }): Promise<void> {
  const deadline = Date.now() + options.timeoutInMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (!options.isAlive()) throw new Error(`Gave up waiting for ${url}: the process exited.\n${options.describe()}`);
    try {
      const status = await httpGetStatus(url);
      if (status === 200) return;
      lastProblem = `status ${status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready within ${options.timeoutInMs} ms (${lastProblem}).\n${options.describe()}`);
}
