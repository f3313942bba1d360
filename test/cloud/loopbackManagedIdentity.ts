/**
 * A loopback stand-in for App Service's managed identity endpoint (the protocol @azure/identity speaks when
 * IDENTITY_ENDPOINT and IDENTITY_HEADER are set, as they are on the web app infra/azure.bicep deploys). With it,
 * the bot's real token path runs offline: botbuilder's credentials factory → DefaultAzureCredential →
 * ManagedIdentityCredential → HTTP to this server. AZURE_TOKEN_CREDENTIALS=prod keeps DefaultAzureCredential to
 * its deployed-service credentials (no developer login is tried), and the variables that would enable the other
 * two (an environment secret, workload identity) are cleared meanwhile: nothing may leave the machine. ("prod",
 * not "ManagedIdentityCredential": @azure/identity 4.13 then drops managedIdentityClientId and asks for the
 * system-assigned identity instead.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const IDENTITY_HEADER = 'loopback-identity-header';

export interface TokenRequest {
  resource: string | null;
  clientId: string | null;
  identityHeader: string | undefined;
}

export interface LoopbackManagedIdentity {
  requests: TokenRequest[];
  /** Requests for one audience (ARM asks too, when a test lets it). */
  requestsFor(resource: string): TokenRequest[];
  /** The token it hands out: tests check it never shows up where people can read. */
  readonly token: string;
  /** 'ok' answers with a token; 'refuse' answers 400 the way Entra refuses an identity, planting a token-like string. */
  mode: 'ok' | 'refuse';
  close(): Promise<void>;
}

const SET = ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'AZURE_TOKEN_CREDENTIALS'];
const CLEARED = ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_USERNAME', 'AZURE_FEDERATED_TOKEN_FILE', 'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'MSI_ENDPOINT'];

export async function startLoopbackManagedIdentity(): Promise<LoopbackManagedIdentity> {
  const token = `eyJ0eXAiOiJKV1QifQ.${Buffer.from('loopback-connector-token').toString('base64url')}.c2lnbmF0dXJl`;
  const requests: TokenRequest[] = [];
  const state = { mode: 'ok' as 'ok' | 'refuse' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ resource: url.searchParams.get('resource'), clientId: url.searchParams.get('client_id'), identityHeader: req.headers['x-identity-header'] as string | undefined });
    res.setHeader('content-type', 'application/json');
    if (state.mode === 'refuse') {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: 'invalid_request', error_description: 'Identity not found. Last token seen: eyJhbGciOiJSUzI1NiJ9.planted-in-an-error.c2ln' }));
      return;
    }
    // Two minutes: inside every token cache's renewal margin, so each probe that is not cached by us reaches here.
    const expiresOn = Math.floor(Date.now() / 1000) + 120;
    res.end(JSON.stringify({ access_token: token, expires_on: String(expiresOn), resource: url.searchParams.get('resource'), token_type: 'Bearer', client_id: url.searchParams.get('client_id') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const saved = Object.fromEntries([...SET, ...CLEARED].map((name) => [name, process.env[name]]));
  for (const name of CLEARED) delete process.env[name];
  process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
  process.env.IDENTITY_HEADER = IDENTITY_HEADER;
  process.env.AZURE_TOKEN_CREDENTIALS = 'prod';
  return {
    requests,
    requestsFor: (resource) => requests.filter((request) => request.resource === resource),
    token,
    get mode() {
      return state.mode;
    },
    set mode(mode) {
      state.mode = mode;
    },
    async close() {
      for (const name of [...SET, ...CLEARED]) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
