/**
 * Every ARM call goes through the SDK's own ServiceClient (SecurityCenter from @azure/arm-security), so its bearer
 * token policy, retry on 429/503 honouring Retry-After, back-off on 5xx and socket errors, and user agent all apply.
 * We only build the URL and the JSON body; the pipeline does the rest.
 */
import { SecurityCenter } from '@azure/arm-security';
import type { TokenCredential } from '@azure/identity';
import { createHttpHeaders, createPipelineRequest, tlsPolicy, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { DefenderError } from '../core/errors';
import type { OperationOptions } from '../core/ports';
import { errorFromResponse, errorFromThrown, type RoleHint } from './armErrors';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
export const DEFAULT_USER_AGENT_PREFIX = 'defender-chatops/0.1';
/** One ARM call, retries and Retry-After waits included, never takes longer than this unless configured otherwise. */
export const DEFAULT_CALL_TIMEOUT_IN_MS = 120_000;

export interface ArmRetryOptions {
  maxRetries?: number;
  retryDelayInMs?: number;
  maxRetryDelayInMs?: number;
}

export interface ArmTransportOptions {
  credential: TokenCredential;
  endpoint?: string;
  /** PEM of a CA to trust for this client only (the ARM simulator). Never set against real ARM. */
  caCertificate?: string;
  userAgentPrefix?: string;
  retryOptions?: ArmRetryOptions;
  identityObjectId?: string;
  /**
   * Total time one call may take, retries included (DEFAULT_CALL_TIMEOUT_IN_MS). Explicit and bounded because crash
   * recovery waits longer than it before it trusts that no write a dead process sent is still on its way.
   */
  callTimeoutInMs?: number;
  now: () => Date;
  /** Sees every successful call and its answer (DefenderClient remembers its own writes' read-backs with it). */
  onSuccess?: (call: ArmCall, response: ArmResponse<unknown>) => void;
}

export interface ArmResponse<T> {
  status: number;
  headers: { get(name: string): string | undefined };
  body: T;
}

export interface ArmCall extends OperationOptions {
  /** POST: Resource Graph queries (read-only) and alert status changes (idempotent: the same status again is harmless). */
  method: 'GET' | 'PUT' | 'DELETE' | 'POST';
  /** A path under the endpoint ("/subscriptions/...") or an absolute nextLink from ARM. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  purpose: string;
  subscriptionId?: string;
  /** The role a 403 tells the admin to grant; default Security Admin. */
  roleHint?: RoleHint;
}

/**
 * The CA is trusted by this pipeline only (never process-wide). The SDK's node HTTP client keeps one keep-alive
 * agent per tlsSettings object identity, so the policy must hand out the SAME object on every request; a fresh
 * `{ ca }` per request would open (and TLS-handshake) a new connection every time. test/azure/listFleet checks it.
 */
function trustCaPolicy(caCertificate: string): PipelinePolicy {
  return tlsPolicy({ ca: caCertificate });
}

export class ArmTransport {
  private readonly client: SecurityCenter;
  readonly endpoint: string;
  readonly callTimeoutInMs: number;

  constructor(private readonly options: ArmTransportOptions) {
    this.endpoint = (options.endpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/+$/, '');
    this.callTimeoutInMs = options.callTimeoutInMs ?? DEFAULT_CALL_TIMEOUT_IN_MS;
    // The subscription id is only used by the SDK's generated operations, which we do not call.
    this.client = new SecurityCenter(options.credential, 'unused-by-defender-client', {
      endpoint: this.endpoint,
      credentialScopes: [`${new URL(this.endpoint).origin}/.default`],
      userAgentOptions: { userAgentPrefix: options.userAgentPrefix ?? DEFAULT_USER_AGENT_PREFIX },
      retryOptions: options.retryOptions,
      additionalPolicies: options.caCertificate ? [{ policy: trustCaPolicy(options.caCertificate), position: 'perCall' }] : [],
    });
  }

  private urlFor(call: ArmCall): string {
    const url = new URL(/^https?:\/\//i.test(call.path) ? call.path : `${this.endpoint}${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    return url.toString();
  }

  /** Sends one call and returns its parsed JSON; any non-2xx becomes a DefenderError. */
  async send<T>(call: ArmCall): Promise<T> {
    return (await this.sendForResponse<T>(call)).body;
  }

  /** Like send(), with the status and headers too: a long-running operation needs `Location` and `Retry-After`. */
  async sendForResponse<T>(call: ArmCall): Promise<ArmResponse<T>> {
    const context = { method: call.method, purpose: call.purpose, subscriptionId: call.subscriptionId, identityObjectId: this.options.identityObjectId, roleHint: call.roleHint };
    const budget = AbortSignal.timeout(this.callTimeoutInMs);
    const headers = createHttpHeaders({ accept: 'application/json' });
    if (call.body !== undefined) headers.set('content-type', 'application/json; charset=utf-8');
    const request = createPipelineRequest({
      url: this.urlFor(call),
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      abortSignal: call.abortSignal ? AbortSignal.any([call.abortSignal, budget]) : budget,
    });
    let response;
    try {
      response = await this.client.sendRequest(request);
    } catch (error) {
      if (budget.aborted && !call.abortSignal?.aborted) throw this.timedOut(call);
      throw errorFromThrown(error, { ...context, now: this.options.now() });
    }
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(response, { ...context, now: this.options.now() });
    const answered = { status: response.status, headers: { get: (name: string) => response.headers.get(name) } };
    let body: T;
    try {
      body = response.bodyAsText ? (JSON.parse(response.bodyAsText) as T) : ({} as T);
    } catch (parseError) {
      throw new DefenderError('ArmError', `ArmError: ARM answered the request to ${call.purpose} with a body that is not JSON (${(parseError as Error).message}); retry, and report it if it persists`, {
        statusCode: response.status,
        requestId: response.headers.get('x-ms-request-id'),
      });
    }
    const result = { ...answered, body };
    this.options.onSuccess?.(call, result);
    return result;
  }

  private timedOut(call: ArmCall): DefenderError {
    const seconds = Math.round(this.callTimeoutInMs / 1000);
    const write = call.method !== 'GET' ? ' The change may still have been applied: check `status` before asking again.' : '';
    return new DefenderError('ArmUnavailable', `ArmUnavailable: ARM did not finish the request to ${call.purpose} within ${seconds} s, retries included.${write} Try again in a few minutes.`);
  }

  /** Follows ARM's nextLink until the list ends. */
  async sendList<T>(call: ArmCall): Promise<T[]> {
    const items: T[] = [];
    let page = await this.send<{ value?: T[]; nextLink?: string }>(call);
    items.push(...(page.value ?? []));
    while (page.nextLink) {
      page = await this.send({ ...call, path: page.nextLink, query: undefined });
      items.push(...(page.value ?? []));
    }
    return items;
  }
}
