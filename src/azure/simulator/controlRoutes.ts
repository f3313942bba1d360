/**
 * `/_simulator/*`: the simulator's own control surface for tests and demos. No auth, never logged.
 *   GET    /_simulator/requests    the ARM request log      DELETE /_simulator/requests   clear it
 *   GET    /_simulator/violations  responses the spec rejected (simulator bugs)
 *   PUT    /_simulator/faults      merge fault settings     POST   /_simulator/fail-next  add a FaultRule
 *   GET    /_simulator/health      { "status": "ok" }
 *   POST   /_simulator/alerts      { subscriptionId, alert }: a security alert raised now (seed format)
 */
import { alertView } from './alertStore';
import type { FaultInjector } from './faults';
import type { RequestLog } from './requestLog';
import { alertSeedProblem } from './seedAlerts';
import type { SimulatorState } from './state';
import type { FaultRule, Faults, SeedAlert } from './types';

export interface ControlResult {
  status: number;
  body?: unknown;
}

export function handleControl(method: string, path: string, body: unknown, log: RequestLog, faults: FaultInjector, state: SimulatorState): ControlResult {
  const route = `${method} ${path.replace(/\/+$/, '').toLowerCase()}`;
  try {
    switch (route) {
      case 'GET /_simulator/requests':
        return { status: 200, body: log.requests() };
      case 'DELETE /_simulator/requests':
        log.clear();
        return { status: 204 };
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
      case 'POST /_simulator/alerts':
        return raiseAlert(state, body);
      default:
        return { status: 404, body: { error: { code: 'NotFound', message: `No simulator control route ${method} ${path}. See src/azure/simulator/controlRoutes.ts.` } } };
    }
  } catch (error) {
    // Bad fault settings are the caller's mistake: report them the way ARM reports a bad body.
    return { status: 400, body: { error: { code: 'InvalidRequest', message: (error as Error).message } } };
  }
}

/** Adds an alert while running, as Defender would raise one: same checks as a seeded alert. */
function raiseAlert(state: SimulatorState, body: unknown): ControlResult {
  const { subscriptionId, alert } = (typeof body === 'object' && body !== null ? body : {}) as { subscriptionId?: unknown; alert?: unknown };
  const subscription = typeof subscriptionId === 'string' ? state.findSubscription(subscriptionId) : undefined;
  if (!subscription) {
    return { status: 404, body: { error: { code: 'SubscriptionNotFound', message: `The body's subscriptionId ${JSON.stringify(subscriptionId) ?? '(missing)'} names no subscription of the simulator.` } } };
  }
  const problem = alertSeedProblem(alert, 'alert');
  if (problem) return { status: 400, body: { error: { code: 'InvalidRequest', message: `${problem.field} ${problem.problem}.` } } };
  const record = state.alerts.add(subscription.subscriptionId, alert as SeedAlert);
  return { status: 201, body: alertView(subscription.subscriptionId, record) };
}
