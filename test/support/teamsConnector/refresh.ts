/**
 * Whom a Teams client refreshes a card for (Universal Actions, user-specific views): `refresh.userIds` is "an array
 * of user MRIs"; Teams honours at most 60 of them. An entry that is not an MRI (a raw Entra object id, a UPN)
 * matches nobody; `8:orgid:<objectId>` is an MRI too. Without `userIds`, a conversation of up to 60 members
 * refreshes for everyone; `userIds: []` refreshes for no one.
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 */
import type { AdaptiveCard } from './messages';
import type { Person } from './roster';

export const REFRESH_USER_LIMIT = 60;

export interface RefreshAction {
  verb: string;
  data: unknown;
}

interface RefreshClause {
  action?: { type?: unknown; verb?: unknown; data?: unknown };
  userIds?: unknown;
}

/** The refresh action Teams would invoke for `person` when their client renders `card`, if any. */
export function refreshFor(card: AdaptiveCard | undefined, person: Person, conversationSize: number): RefreshAction | undefined {
  const refresh = card?.refresh as RefreshClause | undefined;
  const action = refresh?.action;
  if (!action || action.type !== 'Action.Execute' || typeof action.verb !== 'string') return undefined;
  const listed = refresh.userIds === undefined ? conversationSize <= REFRESH_USER_LIMIT : isListed(refresh.userIds, person);
  return listed ? { verb: action.verb, data: action.data } : undefined;
}

function isListed(userIds: unknown, person: Person): boolean {
  if (!Array.isArray(userIds)) return false;
  const orgId = `8:orgid:${person.aadObjectId}`.toLowerCase();
  return userIds
    .slice(0, REFRESH_USER_LIMIT)
    .some((entry) => typeof entry === 'string' && (entry === person.mri || entry.toLowerCase() === orgId));
}
