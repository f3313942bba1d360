/**
 * Who is acting, taken from the activity that Teams (and, in production, a validated JWT) vouches for.
 * Never from card data: anything in an invoke's `data` is untrusted input.
 */
import type { Activity } from 'botbuilder';
import type { Person } from '../../core/approval';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Entra user behind an activity, or undefined when the channel does not say (then nothing may be approved). */
export function actingPerson(activity: Partial<Activity>): Person | undefined {
  const aadObjectId: unknown = activity.from?.aadObjectId;
  if (typeof aadObjectId !== 'string' || !GUID.test(aadObjectId)) return undefined;
  const name: unknown = activity.from?.name;
  return { id: aadObjectId.toLowerCase(), name: (typeof name === 'string' ? name.trim() : '') || 'Unknown user' };
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const tenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  return tenant?.toLowerCase();
}
