/** What a resource handler sees and returns; server.ts does transport, auth, faults, logging and validation. */
import type { SimulatorState } from './state';
import type { SchemaName, SpecValidator } from './spec/specValidator';

export interface RequestContext {
  state: SimulatorState;
  validator: SpecValidator;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, undefined when the request had none. */
  body: unknown;
  /** https://127.0.0.1:<port>, for absolute links such as nextLink. */
  baseUrl: string;
}

export interface ArmResponse {
  status: number;
  body?: unknown;
  /** Spec definition the body must satisfy; the server answers 500 when it does not. */
  schema?: SchemaName;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'PUT' | 'DELETE' | 'POST';
  /** Matched against the decoded path, case-insensitively; capture groups become `params`. */
  pattern: RegExp;
  /** The api-version(s) accepted; like real ARM, every GA version of the resource type the simulator serves. */
  apiVersion: string | readonly string[];
  /** Spec definition for this route's error bodies. */
  errorSchema: SchemaName;
  handle(context: RequestContext, params: string[]): ArmResponse;
}

/** A route builder for one api-version: `pattern` is anchored, a trailing slash is allowed, case is ignored. */
export function routesAt(apiVersion: string, errorSchema: SchemaName) {
  return (method: Route['method'], pattern: string, handle: Route['handle']): Route => ({
    method,
    pattern: new RegExp(`^${pattern}/?$`, 'i'),
    apiVersion,
    errorSchema,
    handle,
  });
}
