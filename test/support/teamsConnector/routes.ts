/**
 * The Bot Connector REST routes, answered as Teams answers them: sends and replies store a message and answer its
 * id; updates replace the shared message (404 if unknown, 412 while another update of it is in progress); member
 * lookups answer from the roster. Sends and updates pass Teams' rate limits first (429 with Retry-After). A call to
 * a retired serviceUrl answers 404 before anything else.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultInjector } from './faults';
import { ERROR_CODES } from './faults';
import type { ActivityBody, CallKind, MessageLog } from './messages';
import type { RateLimiter } from './rateLimiter';
import type { Roster } from './roster';

export interface ConnectorRequest {
  method: string;
  /** From `/v3/` on: the part after the serviceUrl. */
  path: string;
  /** false: sent to a serviceUrl Teams no longer uses (see serviceUrls.ts). */
  atCurrentServiceUrl: boolean;
  body: ActivityBody | undefined;
  receivedAtMs: number;
}

export interface ConnectorAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** What the call was, for the record. */
  kind: CallKind;
  conversationId?: string;
  activityId?: string;
  userId?: string;
  messageId?: string;
}

export interface RouteState {
  roster: Roster;
  log: MessageLog;
  limiter: RateLimiter;
  faults: FaultInjector;
  /** How long an update is "in progress" (a second update of the same message meanwhile gets 412). */
  updateProcessingMs: number;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/?]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;
const MEMBER = /^\/v3\/conversations\/([^/?]+)\/(members|pagedmembers)(?:\/([^/?]+))?\/?(?:\?.*)?$/;

const error = (status: number, message: string, code = ERROR_CODES[status] ?? 'Error') => ({ status, body: { error: { code, message } } });

export class ConnectorRoutes {
  /** Messages with an update in progress. */
  private readonly updating = new Set<string>();

  constructor(private readonly state: RouteState) {}

  async answer(request: ConnectorRequest): Promise<ConnectorAnswer> {
    const activities = ACTIVITIES.exec(request.path);
    const member = MEMBER.exec(request.path);
    const kind = activities ? activityKind(request.method, activities[2]) : member && request.method === 'GET' ? (member[3] ? 'member' : 'members') : 'unknown';
    const ids = {
      conversationId: decode((activities ?? member)?.[1]),
      activityId: decode(activities?.[2]),
      userId: decode(member?.[3]),
    };
    // A retired regional endpoint no longer knows the conversation. 404, because neither botbuilder's pipeline (408,
    // 429, 5xx, network errors) nor the bot's connector retry (412, 429, 502-504) retries it: the call fails at once
    // and shows on the call log. A refused connection would fail the same way after three retries with backoff, but
    // cannot be told apart by path on one server and leaves no answer to record.
    if (!request.atCurrentServiceUrl) {
      return { kind, ...ids, ...error(404, `This serviceUrl no longer serves the bot's conversations: ${request.method} ${request.path}`, 'NotFound') };
    }
    const fault = this.state.faults.take(request.method, request.path);
    if (fault) {
      const headers = fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) };
      return { kind, ...ids, ...error(fault.status, `Injected fault: ${request.method} ${request.path}`), headers };
    }
    switch (kind) {
      case 'send':
      case 'reply':
      case 'update':
        return { kind, ...ids, ...(await this.activity(kind, request, ids.conversationId!, ids.activityId)) };
      case 'member':
      case 'members':
        return { kind, ...ids, ...this.members(ids.conversationId!, ids.userId, member![2] === 'pagedmembers') };
      default:
        return { kind, ...ids, ...error(404, `The fake Teams connector has no route ${request.method} ${request.path}`, 'NotFound') };
    }
  }

  private async activity(kind: 'send' | 'reply' | 'update', request: ConnectorRequest, conversationId: string, activityId: string | undefined) {
    const { roster, log, limiter } = this.state;
    if (!roster.conversation(conversationId)) {
      return error(404, `Conversation ${conversationId} is not one the bot is in (declare it with teams.conversation()).`, 'ConversationNotFound');
    }
    const activity = request.body;
    if (!activity || typeof activity.type !== 'string') return error(400, 'The body is not an activity (no type).');
    const existing = kind === 'update' ? log.message(activityId!) : undefined;
    if (kind === 'update' && existing?.conversationId !== conversationId) {
      return error(404, `Activity ${activityId} was not found in conversation ${conversationId}.`, 'ActivityNotFound');
    }
    const rate = limiter.take(conversationId);
    if (!rate.allowed) {
      const message = `Too many requests in conversation ${conversationId}: more than ${rate.window.operations} in ${rate.window.windowInMs} ms.`;
      return { ...error(429, message), headers: { 'retry-after': String(rate.retryAfterSeconds) } };
    }
    if (existing) return this.update(existing.id, activity, request.receivedAtMs);
    if (activity.type === 'typing') return { status: 200, body: {} }; // shown, never stored
    const message = log.post(conversationId, activity, activityId ?? activity.replyToId, request.receivedAtMs);
    return { status: 200, body: { id: message.id }, messageId: message.id };
  }

  private async update(messageId: string, activity: ActivityBody, receivedAtMs: number) {
    if (this.updating.has(messageId)) return error(412, `Message ${messageId} is being updated by another request; retry.`);
    this.updating.add(messageId);
    try {
      if (this.state.updateProcessingMs > 0) await sleep(this.state.updateProcessingMs);
      const message = this.state.log.message(messageId)!;
      this.state.log.update(message, activity, receivedAtMs);
      return { status: 200, body: { id: messageId }, messageId };
    } finally {
      this.updating.delete(messageId);
    }
  }

  private members(conversationId: string, userId: string | undefined, paged: boolean) {
    const { roster } = this.state;
    if (userId === undefined) {
      const members = roster.membersOf(conversationId)?.map((person) => roster.channelAccount(person));
      if (!members) return error(404, `Conversation ${conversationId} was not found.`, 'ConversationNotFound');
      return { status: 200, body: paged ? { members } : members };
    }
    const lookup = roster.findMember(conversationId, userId);
    if (lookup.found === 'member') return { status: 200, body: lookup.member };
    if (lookup.found === 'no conversation') return error(404, `Conversation ${conversationId} was not found.`, 'ConversationNotFound');
    return error(404, `The member ${userId} was not found in conversation ${conversationId}.`, 'MemberNotFoundInConversation');
  }
}

function activityKind(method: string, activityId: string | undefined): CallKind {
  if (method === 'POST') return activityId ? 'reply' : 'send';
  if (method === 'PUT' && activityId) return 'update';
  return 'unknown';
}

function decode(part: string | undefined): string | undefined {
  return part === undefined ? undefined : decodeURIComponent(part);
}
