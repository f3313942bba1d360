/** Stands in for the Bot Framework connector: records every reply the bot POSTs back (there should be none here). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackConnector {
  url: string;
  replies: Array<{ method: string; url: string; body: string }>;
  close(): Promise<void>;
}

export async function startLoopbackConnector(): Promise<LoopbackConnector> {
  const replies: LoopbackConnector['replies'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      replies.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    replies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
