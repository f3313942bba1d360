/**
 * The bench's stand-in for the Bot Connector service: the activities' serviceUrl points here, so every reply,
 * proactive message and card update the bot sends arrives as an HTTP call we can timestamp. It answers like the
 * connector does (`{ id }`) and nothing else: no auth, no storage.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';

export type DeliveryKind = 'reply' | 'send' | 'update';

export interface Delivery {
  kind: DeliveryKind;
  conversationId: string;
  /** The activity id in the path: the one replied to (reply) or replaced (update). */
  pathActivityId?: string;
  activity: Record<string, any>;
  /** The id this connector gave the activity (what an invoke on its card names as replyToId). */
  assignedId?: string;
  /** performance.now() in this process when the body was read. */
  receivedAtMs: number;
}

type Waiter = { matches: (delivery: Delivery) => boolean; resolve: (delivery: Delivery) => void };

// POST /v3/conversations/{id}/activities[/{activityId}] and PUT /v3/conversations/{id}/activities/{activityId}
const ACTIVITY_ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

export class LoopbackConnector {
  private server?: http.Server;
  private waiters = new Set<Waiter>();
  private nextId = 1;
  /** Everything received, when recording is on (B3 reads it; B1 only counts, to keep memory flat). */
  readonly recorded: Delivery[] = [];
  recording = false;
  counts = { connections: 0, typing: 0, messages: 0, updates: 0, unexpected: 0 };
  url = '';

  async start(): Promise<void> {
    const server = http.createServer((request, response) => this.handle(request, response));
    server.keepAliveTimeout = 65_000;
    server.on('connection', () => (this.counts.connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    // botbuilder appends "v3/conversations/…" to the serviceUrl, so it needs the trailing slash.
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  /** Resolves with the first delivery (from now on) that matches, or rejects after timeoutMs. */
  waitFor(matches: (delivery: Delivery) => boolean, timeoutMs = 30_000, what = 'a matching activity'): Promise<Delivery> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve: (delivery) => {
          clearTimeout(timer);
          resolve(delivery);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`LoopbackConnector: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref(); // a waiter whose message failed must not keep the bench alive
      this.waiters.add(waiter);
    });
  }

  resetCounts(): void {
    this.counts = { connections: 0, typing: 0, messages: 0, updates: 0, unexpected: 0 };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const route = ACTIVITY_ROUTE.exec(request.url ?? '');
      const kind = route ? kindOf(request.method, route[2]) : undefined;
      if (!route || !kind) {
        this.counts.unexpected += 1;
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'NotInLoopbackConnector', message: `${request.method} ${request.url}` } }));
        return;
      }
      const delivery: Delivery = {
        kind,
        conversationId: decodeURIComponent(route[1]),
        pathActivityId: route[2] ? decodeURIComponent(route[2]) : undefined,
        activity: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
        receivedAtMs: performance.now(),
      };
      const id = kind === 'update' ? delivery.pathActivityId : `loopback-${this.nextId++}`;
      delivery.assignedId = id;
      this.count(delivery);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id }));
      this.notify(delivery);
    });
  }

  private count(delivery: Delivery): void {
    if (delivery.kind === 'update') this.counts.updates += 1;
    else if (delivery.activity.type === 'typing') this.counts.typing += 1;
    else this.counts.messages += 1;
    if (this.recording) this.recorded.push(delivery);
  }

  private notify(delivery: Delivery): void {
    for (const waiter of this.waiters) {
      if (!waiter.matches(delivery)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(delivery);
      return;
    }
  }
}

function kindOf(method: string | undefined, activityId: string | undefined): DeliveryKind | undefined {
  if (method === 'POST') return activityId ? 'reply' : 'send';
  if (method === 'PUT' && activityId) return 'update';
  return undefined;
}
