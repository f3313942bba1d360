/**
 * A tiny HTTPS client for simulator tests: trusts only the simulator's CA (never disables TLS checks),
 * reuses connections, and returns status, headers and parsed JSON.
 */
import https from 'node:https';
import type { ArmSimulator } from '../../../src/azure/simulator';

export interface ArmHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface ArmHttpOptions {
  body?: unknown;
  /** Raw text sent as-is (for malformed-body tests). */
  rawBody?: string;
  /** Default "Bearer test-token"; null sends no Authorization header. */
  authorization?: string | null;
}

export function armClient(simulator: ArmSimulator) {
  const agent = new https.Agent({ ca: simulator.caCertificate, keepAlive: true, maxSockets: 4 });
  const request = (method: string, path: string, options: ArmHttpOptions = {}): Promise<ArmHttpResponse> =>
    new Promise((resolve, reject) => {
      const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      const headers: Record<string, string> = {};
      const authorization = options.authorization === undefined ? 'Bearer test-token' : options.authorization;
      if (authorization !== null) headers.Authorization = authorization;
      if (payload !== undefined) headers['Content-Type'] = 'application/json';
      const outgoing = https.request(new URL(path, simulator.url), { method, agent, headers }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text ? JSON.parse(text) : undefined });
        });
        incoming.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  return { request, agent, close: () => agent.destroy() };
}

export type ArmClient = ReturnType<typeof armClient>;

export const PRICINGS_API = 'api-version=2024-01-01';

export function pricingPath(subscriptionId: string, name?: string, query = PRICINGS_API): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings${name ? `/${name}` : ''}?${query}`;
}
