/** POSTs activities to a bot's /api/messages over one keep-alive pool, like the connector service would. */
import http from 'node:http';

export interface PostResult {
  status: number;
  body: string;
}

export class BotClient {
  private readonly agent: http.Agent;

  constructor(private readonly baseUrl: string, maxSockets = 64) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  post(activity: object, path = '/api/messages'): Promise<PostResult> {
    const payload = JSON.stringify(activity);
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${this.baseUrl}${path}`,
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** GET that resolves with the status, or undefined while nothing listens yet (cold-start polling). */
export function probe(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', () => resolve(undefined));
  });
}
