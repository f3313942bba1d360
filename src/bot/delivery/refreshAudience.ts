/**
 * Who gets their own view of a request card through Teams' automatic refresh: `refresh.userIds` takes user MRIs
 * (29:…), at most 60. Approvers come first, then the requester, then people who acted on it, so people who merely
 * clicked can never push an approver out of the list. An object id is turned into an MRI from the conversation's
 * roster (TeamsInfo.getMember accepts an Entra object id), cached per conversation; if that fails, the documented
 * `8:orgid:<objectId>` form stands in.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { MAX_REFRESH_USER_IDS } from '../../cards';
import type { ApprovalPolicy, ApprovalRequest } from '../../core/approval';
import type { Clock } from '../../core/ports';
import type { Logger } from '../../logging';
import { channelPartOf } from '../host/conversationIds';

/** A roster answer is kept this long; a failed lookup (the fallback form) only briefly, so it is tried again. */
const RESOLVED_TTL_MS = 60 * 60_000;
const FALLBACK_TTL_MS = 5 * 60_000;

export const orgIdMri = (objectId: string) => `8:orgid:${objectId}`;

/** How an object id becomes an MRI in the conversation of `context`; TeamsInfo.getMember in production. */
export type MemberLookup = (context: TurnContext, objectId: string) => Promise<string | undefined>;

export const teamsRosterLookup: MemberLookup = async (context, objectId) => (await TeamsInfo.getMember(context, objectId)).id;

export class RefreshAudience {
  private readonly cache = new Map<string, { mri: string; expiresAtMs: number }>();

  constructor(
    private readonly policy: Pick<ApprovalPolicy, 'approvers'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly lookup: MemberLookup = teamsRosterLookup,
  ) {}

  /** `refresh.userIds` for the request's card in the conversation of `context`. */
  async userIdsFor(context: TurnContext, request: Pick<ApprovalRequest, 'requester'>, recentActors: string[] = []): Promise<string[]> {
    const approvers: string[] = [];
    // One at a time: every roster lookup counts against Teams' per-conversation rate.
    for (const objectId of this.policy.approvers) approvers.push(await this.mriOf(context, objectId));
    const requester = await this.mriOf(context, request.requester.id);
    return [...new Set([...approvers, requester, ...recentActors.filter((mri) => typeof mri === 'string' && mri.trim() !== '')])].slice(0, MAX_REFRESH_USER_IDS);
  }

  private async mriOf(context: TurnContext, objectId: string): Promise<string> {
    const key = `${channelPartOf(context.activity.conversation?.id ?? '').toLowerCase()}|${objectId.toLowerCase()}`;
    const nowMs = this.clock.now().getTime();
    const cached = this.cache.get(key);
    if (cached && cached.expiresAtMs > nowMs) return cached.mri;
    let mri: string | undefined;
    try {
      mri = await this.lookup(context, objectId);
    } catch (error) {
      this.logger.debug({ err: error, objectId }, 'roster lookup failed; using the 8:orgid form for refresh');
    }
    const resolved = mri ? { mri, expiresAtMs: nowMs + RESOLVED_TTL_MS } : { mri: orgIdMri(objectId), expiresAtMs: nowMs + FALLBACK_TTL_MS };
    this.cache.set(key, resolved);
    return resolved.mri;
  }
}
