/**
 * ARM's permission semantics for "may this identity perform action X here?": each permission entry grants its
 * `actions` minus its `notActions`, and the identity may act when any entry grants it. Matching is
 * case-insensitive and `*` stands for any run of characters (so `Microsoft.Security/*` and `*\/write` both match).
 */
import type { ArmPermission } from './models/authorization';

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((literal) => literal.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`, 'i');
}

export function matchesAction(pattern: string, action: string): boolean {
  return wildcardToRegExp(pattern.trim()).test(action);
}

function grants(permission: ArmPermission, action: string): boolean {
  const allowed = (permission.actions ?? []).some((pattern) => matchesAction(pattern, action));
  const excluded = (permission.notActions ?? []).some((pattern) => matchesAction(pattern, action));
  return allowed && !excluded;
}

export function isActionPermitted(permissions: ArmPermission[], action: string): boolean {
  return permissions.some((permission) => grants(permission, action));
}
