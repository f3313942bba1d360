/** Stands in for the Teams connector service: records what the bots send (replies, card updates) and answers ids. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  url: string;
  body: Record<string, unknown>;
}

export interface LoopbackConnector {
  /** serviceUrl for activities, with a trailing slash as Teams sends it. */
  url: string;
  calls: ConnectorCall[];
  /** Calls addressed to one conversation. */
  callsFor(conversationId: string): ConnectorCall[];
  close(): Promise<void>;
}

export async function startLoopbackConnector(): Promise<LoopbackConnector> {
  const calls: ConnectorCall[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      calls.push({ method: req.method ?? '', url: req.url ?? '', body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `connector-activity-${calls.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    callsFor: (conversationId) => calls.filter((call) => call.url.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/`)),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
