/**
 * Tenant guardrail: activities from a tenant that is not allowed are dropped with a log line and no reply,
 * before any handler runs. (Demo mode has no list: the Agents Playground is local.)
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logging';
import { tenantOf } from './identity';
import { turnCorrelation } from '../host/correlation';

export function isFromAllowedTenant(context: TurnContext, allowedTenants: string[] | undefined): boolean {
  if (!allowedTenants) return true;
  const tenant = tenantOf(context.activity);
  return tenant !== undefined && allowedTenants.includes(tenant);
}

export function tenantGuard(allowedTenants: string[] | undefined, logger: Logger) {
  return async (context: TurnContext): Promise<boolean> => {
    if (isFromAllowedTenant(context, allowedTenants)) return true;
    turnCorrelation(context, logger).logger.warn({ tenant: tenantOf(context.activity) ?? 'none' }, 'dropped an activity from a tenant that is not allowed');
    return false;
  };
}
