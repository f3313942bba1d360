/**
 * A pass-through between the playground and the bot that keeps a copy of every activity the playground sends.
 * It changes nothing; it only lets the test see what the emulator really delivers (from.aadObjectId, whether a
 * card `refresh` invoke ever arrives, how a mention looks), which neither UI shows in a checkable way.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TappedActivity {
  type?: string;
  name?: string;
  text?: string;
  from?: { id?: string; name?: string; aadObjectId?: string };
  conversation?: { id?: string; conversationType?: string };
  value?: { action?: { verb?: string; data?: unknown }; trigger?: string };
}

export interface ActivityTap {
  url: string;
  activities: TappedActivity[];
  close(): Promise<void>;
}

export async function startActivityTap(botPort: number): Promise<ActivityTap> {
  const activities: TappedActivity[] = [];
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (incoming.method === 'POST' && body.length > 0) activities.push(parseActivity(body));
      const forward = http.request(
        { host: '127.0.0.1', port: botPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forward.on('error', (error) => {
        outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`activity tap: the bot did not answer (${error.message})`);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    activities,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function parseActivity(body: Buffer): TappedActivity {
  try {
    return JSON.parse(body.toString('utf8')) as TappedActivity;
  } catch (error) {
    // Not an activity: record it anyway, so a garbled delivery shows up in the findings.
    return { type: `unparseable (${(error as Error).message})` };
  }
}
