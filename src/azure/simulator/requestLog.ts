/** ARM requests the simulator received, oldest first; capped so a long benchmark cannot exhaust memory. */
import type { RecordedRequest, SpecViolation } from './types';

export const MAX_RECORDED_REQUESTS = 50_000;
const WRITE_METHODS = new Set(['PUT', 'PATCH', 'DELETE', 'POST']);
/** A POST that only reads: a Resource Graph query. */
const READ_ONLY_POST = /^\/providers\/Microsoft\.ResourceGraph\/resources\/?$/i;

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private specViolations: SpecViolation[] = [];

  record(entry: RecordedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_RECORDED_REQUESTS) this.entries.splice(0, this.entries.length - MAX_RECORDED_REQUESTS);
  }

  recordViolation(violation: SpecViolation): void {
    this.specViolations.push(violation);
  }

  requests(): RecordedRequest[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  writes(): RecordedRequest[] {
    return this.requests().filter((entry) => WRITE_METHODS.has(entry.method) && !(entry.method === 'POST' && READ_ONLY_POST.test(entry.path)));
  }

  violations(): SpecViolation[] {
    return [...this.specViolations];
  }

  clear(): void {
    this.entries = [];
  }
}
