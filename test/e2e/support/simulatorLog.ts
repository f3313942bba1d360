/**
 * The ARM simulator's request log (GET /_simulator/requests). The simulator serves HTTPS with a self-signed
 * certificate made at start-up; this one test-only request skips verification through its own agent, and
 * nothing else in the process is affected.
 */
import https from 'node:https';

export interface SimulatorRequest {
  method: string;
  path: string;
  status: number;
  body?: unknown;
}

export function readSimulatorRequests(simulatorPort: number): Promise<SimulatorRequest[]> {
  const selfSignedOnly = new https.Agent({ rejectUnauthorized: false });
  return new Promise((resolve, reject) => {
    const request = https.get({ host: '127.0.0.1', port: simulatorPort, path: '/_simulator/requests', agent: selfSignedOnly }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        selfSignedOnly.destroy();
        if (response.statusCode !== 200) return reject(new Error(`GET /_simulator/requests answered ${response.statusCode}`));
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SimulatorRequest[]);
      });
    });
    request.on('error', (error) => {
      selfSignedOnly.destroy();
      reject(error);
    });
  });
}

export function pricingWrites(requests: SimulatorRequest[], subscriptionId: string): SimulatorRequest[] {
  const prefix = `/subscriptions/${subscriptionId}/providers/microsoft.security/pricings/`;
  return requests.filter((request) => request.method === 'PUT' && request.path.toLowerCase().startsWith(prefix));
}
