/** Every ARM operation the simulator implements, in match order (more specific before more general). */
import type { Route } from './route';
import { subscriptionRoutes } from './handlers/subscriptions';
import { pricingRoutes } from './handlers/pricings';
import { apiManagementRoutes } from './handlers/apiManagement';
import { providerRoutes } from './handlers/providers';
import { apiCollectionRoutes } from './handlers/apiCollections';
import { alertRoutes } from './handlers/alerts';

export const ARM_ROUTES: Route[] = [...subscriptionRoutes, ...pricingRoutes, ...apiManagementRoutes, ...apiCollectionRoutes, ...providerRoutes, ...alertRoutes];

export function matchRoutes(routes: Route[], path: string): Array<{ route: Route; params: string[] }> {
  const matches: Array<{ route: Route; params: string[] }> = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) matches.push({ route, params: match.slice(1) });
  }
  return matches;
}
