/**
 * The request pipeline of the ARM simulator: control routes, body parsing, latency, auth, injected faults,
 * routing with api-version checks, handler, spec validation of the response, request log.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ArmError } from './armErrors';
import { handleControl } from './controlRoutes';
import type { FaultInjector } from './faults';
import type { RequestLog } from './requestLog';
import type { RequestHolds } from './requestHolds';
import type { ArmResponse, RequestContext, Route } from './route';
import { matchRoutes } from './routes';
import type { SimulatorState } from './state';
import type { SpecValidator, SchemaName } from './spec/specValidator';
import type { RecordedRequest } from './types';

export interface ArmServerDeps {
  state: SimulatorState;
  validator: SpecValidator;
  faults: FaultInjector;
  log: RequestLog;
  routes: Route[];
  baseUrl: () => string;
  /** Requests a test keeps in flight until it releases them (sim.hold). */
  holds?: RequestHolds;
}

const MAX_BODY_BYTES = 1_000_000;

export function createRequestHandler(deps: ArmServerDeps) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(deps, request, response).catch((error: unknown) => {
      // Last resort: an unexpected exception is a simulator bug; say so instead of hanging the client.
      if (!response.headersSent) send(response, { status: 500, body: { error: { code: 'SimulatorBug', message: String((error as Error)?.stack ?? error) } } });
      else response.destroy(error as Error);
    });
  };
}

async function handle(deps: ArmServerDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const arrivedAt = new Date().toISOString();
  const method = (request.method ?? 'GET').toUpperCase();
  const url = new URL(request.url ?? '/', 'https://simulator.invalid');
  const rawBody = await readBody(request);
  const parsed = parseBody(rawBody);

  if (url.pathname.toLowerCase().startsWith('/_simulator/')) {
    send(response, handleControl(method, url.pathname, parsed.value, deps.log, deps.faults, deps.state));
    return;
  }

  const faults = deps.faults.current();
  if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  // A held request is applied when released even if its client has gone meanwhile, as ARM applies a write whose caller died.
  await deps.holds?.pass(method, url.pathname);

  const outcome = answer(deps, { method, url, rawBody, parsed, authorization: request.headers.authorization });
  const entry: RecordedRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    ...(rawBody.length > 0 ? { body: parsed.ok ? parsed.value : rawBody } : {}),
    status: outcome.status,
    time: arrivedAt,
    ...(outcome.fault ? { fault: outcome.fault } : {}),
  };
  deps.log.record(entry);
  send(response, outcome);
}

interface IncomingArmRequest {
  method: string;
  url: URL;
  rawBody: string;
  parsed: ParsedBody;
  authorization: string | undefined;
}

type Outcome = ArmResponse & { fault?: RecordedRequest['fault'] };

function answer(deps: ArmServerDeps, { method, url, rawBody, parsed, authorization }: IncomingArmRequest): Outcome {
  let errorSchema: SchemaName = 'ArmErrorResponse';
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch (error) {
    return errorResponse(new ArmError(400, 'InvalidUri', `The request path '${url.pathname}' is not valid percent-encoding (${(error as Error).message}).`));
  }
  try {
    const matches = matchRoutes(deps.routes, path);
    const match = matches.find((candidate) => candidate.route.method === method);
    if (match) errorSchema = match.route.errorSchema;

    // Any bearer token will do: the simulator checks that the client authenticates, not who it is.
    if (!/^Bearer\s+\S+/i.test(authorization ?? '')) {
      throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing or is not a Bearer token.", {
        'WWW-Authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
      });
    }

    const decision = deps.faults.decide(method, path);
    if (decision.kind === 'rule') {
      const { rule } = decision;
      const headers = rule.status === 429 ? retryHeaders(deps.faults.current().retryAfterMs) : {};
      const injected = new ArmError(rule.status, rule.code ?? 'InjectedFault', rule.message ?? `Injected fault (failNext) for ${method} ${path}.`, headers);
      return { ...errorResponse(injected, errorSchema), fault: 'rule' };
    }
    if (decision.kind === 'throttle') {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      const message = `Number of requests for subscription exceeded the limit. Please try again after '${seconds}' seconds.`;
      return { ...errorResponse(new ArmError(429, 'SubscriptionRequestsThrottled', message, retryHeaders(decision.retryAfterMs)), errorSchema), fault: 'throttle' };
    }
    if (decision.kind === 'server-error') {
      const unavailable = new ArmError(503, 'ServiceUnavailable', 'The service is temporarily unavailable (injected by the simulator). Retry the request.');
      return { ...errorResponse(unavailable, errorSchema), fault: 'server-error' };
    }

    if (!match) {
      if (matches.length > 0) throw new ArmError(405, 'MethodNotAllowed', `The simulator does not implement ${method} on ${path}; it supports ${matches.map((m) => m.route.method).join(', ')}.`);
      throw new ArmError(404, 'NotFound', `The simulator implements no ARM operation at ${method} ${path}. See src/azure/simulator/README.md for the supported operations.`);
    }
    checkApiVersion(url, match.route.apiVersion);
    if (rawBody.length > 0 && !parsed.ok) {
      throw new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${parsed.problem}.`);
    }
    const context: RequestContext = { state: deps.state, validator: deps.validator, method, path, query: url.searchParams, body: parsed.value, baseUrl: deps.baseUrl() };
    return checkResponse(deps, method, path, match.route.handle(context, match.params));
  } catch (error) {
    if (!(error instanceof ArmError)) throw error;
    return checkResponse(deps, method, path, errorResponse(error, errorSchema));
  }
}

function errorResponse(error: ArmError, schema: SchemaName = 'ArmErrorResponse'): ArmResponse {
  return { status: error.status, body: error.toBody(), schema, headers: error.headers };
}

/** A response the spec rejects is a simulator bug: answer 500 saying so, and keep it for `violations()`. */
function checkResponse(deps: ArmServerDeps, method: string, path: string, result: ArmResponse): ArmResponse {
  if (!result.schema || result.body === undefined) return result;
  const verdict = deps.validator.validateResponse(result.schema, result.body);
  if (verdict.valid) return result;
  const message = `The simulator produced a ${result.status} response that ${result.schema} rejects: ${verdict.field} ${verdict.message}. This is a simulator bug.`;
  deps.log.recordViolation({ method, path, schema: result.schema, message });
  return { status: 500, body: { error: { code: 'SimulatorResponseInvalid', message } } };
}

function retryHeaders(retryAfterMs: number): Record<string, string> {
  return { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)), 'retry-after-ms': String(retryAfterMs) };
}

function checkApiVersion(url: URL, accepted: string | readonly string[]): void {
  const apiVersion = url.searchParams.get('api-version');
  const expected = typeof accepted === 'string' ? [accepted] : accepted;
  if (!apiVersion) {
    throw new ArmError(400, 'MissingApiVersionParameter', `The api-version query parameter (?api-version=) is required for all requests. This operation supports '${expected.join(',')}'.`);
  }
  if (!expected.includes(apiVersion)) {
    throw new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${expected.join(',')}'.`);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`RequestTooLarge: bodies over ${MAX_BODY_BYTES} bytes are refused`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type ParsedBody = { ok: boolean; value: unknown; problem?: string };

function parseBody(raw: string): ParsedBody {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    // Not JSON: the ARM route answers 400 InvalidRequestContent; the log keeps the raw text.
    return { ok: false, value: undefined, problem: (error as Error).message };
  }
}

function send(response: ServerResponse, result: { status: number; body?: unknown; headers?: Record<string, string> }): void {
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': requestId,
    ...(result.headers ?? {}),
  };
  // Never chain writeHead(): restify, loaded in the same process in demo mode, replaces
  // ServerResponse.prototype.writeHead with a version that returns undefined.
  if (result.body === undefined) {
    response.writeHead(result.status, headers);
    response.end();
    return;
  }
  const payload = JSON.stringify(result.body);
  response.writeHead(result.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload) });
  response.end(payload);
}
