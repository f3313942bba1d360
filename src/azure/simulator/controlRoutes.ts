/**
 * `/_simulator/*`: the simulator's own control surface for tests and demos. No auth, never logged.
 *   GET    /_simulator/requests    the ARM request log      DELETE /_simulator/requests   clear it
 *   GET    /_simulator/in-flight   ARM requests received and not yet answered (held by latency)
 *   GET    /_simulator/violations  responses the spec rejected (simulator bugs)
 *   PUT    /_simulator/faults      merge fault settings     POST   /_simulator/fail-next  add a FaultRule
 *   GET    /_simulator/health      { "status": "ok" }
 */
import type { FaultInjector } from './faults';
import type { RequestLog } from './requestLog';
import type { FaultRule, Faults } from './types';

export interface ControlResult {
  status: number;
  body?: unknown;
}

export function handleControl(method: string, path: string, body: unknown, log: RequestLog, faults: FaultInjector): ControlResult {
  const route = `${method} ${path.replace(/\/+$/, '').toLowerCase()}`;
  try {
    switch (route) {
      case 'GET /_simulator/requests':
        return { status: 200, body: log.requests() };
      case 'DELETE /_simulator/requests':
        log.clear();
        return { status: 204 };
      case 'GET /_simulator/in-flight':
        return { status: 200, body: log.inFlight() };
      case 'GET /_simulator/violations':
        return { status: 200, body: log.violations() };
      case 'GET /_simulator/health':
        return { status: 200, body: { status: 'ok' } };
      case 'GET /_simulator/faults':
        return { status: 200, body: faults.current() };
      case 'PUT /_simulator/faults':
        faults.set((body ?? {}) as Partial<Faults>);
        return { status: 200, body: faults.current() };
      case 'POST /_simulator/fail-next':
        faults.failNext(body as FaultRule);
        return { status: 204 };
      default:
        return { status: 404, body: { error: { code: 'NotFound', message: `No simulator control route ${method} ${path}. See src/azure/simulator/controlRoutes.ts.` } } };
    }
  } catch (error) {
    // Bad fault settings are the caller's mistake: report them the way ARM reports a bad body.
    return { status: 400, body: { error: { code: 'InvalidRequest', message: (error as Error).message } } };
  }
}
