/**
 * Azure Resource Graph, api-version 2024-04-01: POST /providers/Microsoft.ResourceGraph/resources (the engine is in
 * ../graph). Also the hook that lets Resource Graph lag: every write route tells the engine before it writes.
 */
import type { ResourceGraphEngine } from '../graph/engine';
import type { Route } from '../route';

export const RESOURCE_GRAPH_API_VERSION = '2024-04-01';

export function resourceGraphRoutes(engine: ResourceGraphEngine): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/providers\/Microsoft\.ResourceGraph\/resources\/?$/i,
      apiVersion: RESOURCE_GRAPH_API_VERSION,
      errorSchema: 'ResourceGraphErrorResponse',
      handle: (context) => engine.answer(context),
    },
  ];
}

/** The same routes, each write first recording the subscription as it was (for `faults.graphLagMs`). */
export function withGraphHistory(routes: Route[], engine: ResourceGraphEngine): Route[] {
  return routes.map((route) =>
    route.method === 'GET'
      ? route
      : {
          ...route,
          handle: (context, params) => {
            engine.beforeWrite(context.path);
            return route.handle(context, params);
          },
        },
  );
}
