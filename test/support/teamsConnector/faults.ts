/** Faults a test injects into the connector: the next matching calls get an error status instead of an answer. */

export interface FaultSpec {
  /** GET, POST or PUT; any method when absent. */
  method?: string;
  /** A part of the request path (as sent, so ids are URL-encoded); any path when absent. */
  pathIncludes?: string;
  /** 412, 429, 502, 503, 504, … */
  status: number;
  /** How many matching calls fail. Default 1; Infinity: every one, until cleared. */
  count?: number;
  /** Sent as the Retry-After header (seconds) when given. */
  retryAfterSeconds?: number;
}

/** The error codes Teams' connector puts in `{ error: { code, message } }` for these statuses. */
export const ERROR_CODES: Readonly<Record<number, string>> = Object.freeze({
  400: 'BadArgument',
  403: 'Forbidden',
  404: 'NotFound',
  412: 'PreconditionFailed',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
});

export class FaultInjector {
  private readonly pending: Array<FaultSpec & { remaining: number }> = [];

  failNext(fault: FaultSpec): void {
    if (!Number.isInteger(fault.status) || fault.status < 400) throw new Error(`TeamsConnector.failNext: status ${fault.status} is not an error status`);
    this.pending.push({ ...fault, remaining: fault.count ?? 1 });
  }

  /** The fault this call gets, if any (used up one call at a time, oldest first). */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.pending.find(
      (candidate) => (!candidate.method || candidate.method.toUpperCase() === method) && (!candidate.pathIncludes || path.includes(candidate.pathIncludes)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.pending.splice(this.pending.indexOf(fault), 1);
    return fault;
  }

  clear(): void {
    this.pending.splice(0);
  }

  /** Faults not yet used up (a test can assert its faults were hit). */
  get outstanding(): number {
    return this.pending.reduce((sum, fault) => sum + fault.remaining, 0);
  }
}
