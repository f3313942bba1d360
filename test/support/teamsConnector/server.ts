/**
 * The HTTP side of the fake Bot Connector: a server on a free loopback port (its current serviceUrl is the bot's,
 * see serviceUrls.ts), reading each call, answering it through ConnectorRoutes, recording it with the serviceUrl it
 * was sent to, counting it and waking whoever waits for it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ConnectorCall, MessageLog } from './messages';
import type { ConnectorRoutes } from './routes';
import type { ServiceUrls } from './serviceUrls';

export interface ConnectorStats {
  /** TCP connections the bot opened. */
  connections: number;
  typing: number;
  /** Messages posted (sends and replies that are not typing). */
  messages: number;
  updates: number;
  /** Calls to no known route. */
  unexpected: number;
}

export interface NextCallOptions {
  timeoutInMs?: number;
  /** Names what was awaited in the timeout's error. */
  what?: string;
}

type Waiter = { matches: (call: ConnectorCall) => boolean; resolve: (call: ConnectorCall) => void };

const emptyStats = (): ConnectorStats => ({ connections: 0, typing: 0, messages: 0, updates: 0, unexpected: 0 });

export class ConnectorServer {
  stats = emptyStats();
  private readonly server: http.Server;
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly routes: ConnectorRoutes, private readonly log: MessageLog, private readonly serviceUrls: ServiceUrls) {
    this.server = http.createServer((request, response) => this.handle(request, response));
    this.server.keepAliveTimeout = 65_000; // the bot keeps a pool of connections to its connector
    this.server.on('connection', () => (this.stats.connections += 1));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.serviceUrls.listening(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`);
  }

  /** The serviceUrl activities carry now. botbuilder appends "v3/conversations/…" to it, so it ends with a slash. */
  get url(): string {
    return this.serviceUrls.current;
  }

  resetStats(): void {
    this.stats = emptyStats();
  }

  /** The first call from now on that matches, or a rejection after timeoutInMs (default 30 s). */
  nextCall(matches: (call: ConnectorCall) => boolean, { timeoutInMs = 30_000, what = 'a matching call' }: NextCallOptions = {}): Promise<ConnectorCall> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`TeamsConnector: no ${what} within ${timeoutInMs} ms`));
      }, timeoutInMs);
      timer.unref(); // a waiter whose message failed must not keep the process alive
      this.waiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const receivedAtMs = performance.now();
      const method = request.method ?? '';
      const { serviceUrl, path, current } = this.serviceUrls.locate(request.url ?? '');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: ConnectorCall['body'];
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const answering = this.routes.answer({ method, path, atCurrentServiceUrl: current, body, receivedAtMs }).catch((error: unknown) => ({
        kind: 'unknown' as const,
        status: 500,
        body: { error: { code: 'FakeConnectorBug', message: `The fake connector failed: ${String(error)}` } },
        headers: undefined,
      }));
      answering.then((answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.body));
        const { status, body: answered, headers: _headers, ...identity } = answer;
        const call: ConnectorCall = { ...identity, method, path, serviceUrl, body, status, answer: answered, receivedAtMs };
        this.count(call);
        this.log.addCall(call);
        this.notify(call);
      });
    });
  }

  private count(call: ConnectorCall): void {
    if (call.kind === 'unknown') this.stats.unexpected += 1;
    else if (call.kind === 'update') this.stats.updates += 1;
    else if (call.kind === 'send' || call.kind === 'reply') {
      if (call.body?.type === 'typing') this.stats.typing += 1;
      else this.stats.messages += 1;
    }
  }

  private notify(call: ConnectorCall): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.matches(call)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(call);
    }
  }
}
