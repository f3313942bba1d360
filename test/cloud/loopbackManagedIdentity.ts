/**
 * A loopback stand-in for App Service's managed identity endpoint: the protocol @azure/identity speaks when
 * IDENTITY_ENDPOINT and IDENTITY_HEADER are set, as they are on the web app infra/azure.bicep deploys. A bot
 * process started with `childEnvironment()` gets every token from here: botbuilder's credentials factory →
 * DefaultAzureCredential → ManagedIdentityCredential → HTTP to this server, offline.
 *
 * Only for child processes: MSAL keeps the managed identity source it found first in static fields for the whole
 * process, so pointing this test process at a loopback endpoint would leave every later test's managed identity
 * calls retrying against a closed port.
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
  /** Requests for one audience (ARM asks too). */
  requestsFor(resource: string): TokenRequest[];
  /** The token it hands out: tests check it never shows up where people can read. */
  readonly token: string;
  /** Environment for the bot process: this endpoint, and DefaultAzureCredential kept to deployed-service credentials. */
  childEnvironment(): Record<string, string>;
  /**
   * 'refuse-bot-framework' answers Bot Framework audiences 400, the way Entra refuses an identity that is not the
   * bot's, with a token-like string planted in the description; other audiences (ARM) still get tokens.
   */
  mode: 'ok' | 'refuse-bot-framework';
  close(): Promise<void>;
}

export async function startLoopbackManagedIdentity(): Promise<LoopbackManagedIdentity> {
  const token = `eyJ0eXAiOiJKV1QifQ.${Buffer.from('loopback-managed-identity-token').toString('base64url')}.c2lnbmF0dXJl`;
  const requests: TokenRequest[] = [];
  const state = { mode: 'ok' as LoopbackManagedIdentity['mode'] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const resource = url.searchParams.get('resource');
    requests.push({ resource, clientId: url.searchParams.get('client_id'), identityHeader: req.headers['x-identity-header'] as string | undefined });
    res.setHeader('content-type', 'application/json');
    if (state.mode === 'refuse-bot-framework' && /botframework/.test(resource ?? '')) {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: 'invalid_request', error_description: 'Identity not found. Last token seen: eyJhbGciOiJSUzI1NiJ9.planted-in-an-error.c2ln' }));
      return;
    }
    // Two minutes: inside every token cache's renewal margin, so each probe the bot does not cache reaches here.
    const expiresOn = Math.floor(Date.now() / 1000) + 120;
    res.end(JSON.stringify({ access_token: token, expires_on: String(expiresOn), resource, token_type: 'Bearer', client_id: url.searchParams.get('client_id') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
  return {
    requests,
    requestsFor: (resource) => requests.filter((request) => request.resource === resource),
    token,
    // "prod", not "ManagedIdentityCredential": @azure/identity 4.13 then drops managedIdentityClientId.
    childEnvironment: () => ({ IDENTITY_ENDPOINT: endpoint, IDENTITY_HEADER, AZURE_TOKEN_CREDENTIALS: 'prod' }),
    get mode() {
      return state.mode;
    },
    set mode(mode) {
      state.mode = mode;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
