/**
 * What the connector recorded: every call the bot made, every message it posted with its current (shared) content
 * and history of updates, and each person's view of a message (what their Teams client shows).
 */
import { adaptiveCardOf, cardText } from '../cardText';

export type AdaptiveCard = Record<string, unknown>;
export type ActivityBody = Record<string, any>;

export type CallKind = 'send' | 'reply' | 'update' | 'member' | 'members' | 'unknown';

export interface ConnectorCall {
  kind: CallKind;
  method: string;
  /** After the serviceUrl, as received, ids URL-encoded: `/v3/conversations/a%3Aalex/activities`. */
  path: string;
  /** The serviceUrl the call was sent to (`http://127.0.0.1:<port>/` or, with a region, `…/<region>/`). */
  serviceUrl: string;
  conversationId?: string;
  /** The activity id in the path: replied to (reply) or replaced (update). */
  activityId?: string;
  /** The user id in the path of a member lookup. */
  userId?: string;
  /** The JSON body the bot sent (an activity), or undefined. */
  body: ActivityBody | undefined;
  status: number;
  /** The JSON the connector answered. */
  answer: unknown;
  /** The message this call posted or updated, when it did. */
  messageId?: string;
  /** performance.now() when the request's body was read. */
  receivedAtMs: number;
}

export interface MessageUpdate {
  activity: ActivityBody;
  card: AdaptiveCard | undefined;
  atMs: number;
}

/** A message the bot posted. Live: `activity` and `card` follow its updates; `posted` stays as first sent. */
export interface Message {
  id: string;
  conversationId: string;
  /** The activity the bot replied to, when it posted with POST …/activities/{replyToId}. */
  replyToId?: string;
  /** As the bot first posted it. */
  posted: ActivityBody;
  /** Current content: the posted activity, or the last update's. */
  activity: ActivityBody;
  /** The shared card everyone sees now (until their client shows them their own view). */
  card: AdaptiveCard | undefined;
  postedAtMs: number;
  /** Posting order across all conversations, from 1. */
  sequence: number;
  updates: MessageUpdate[];
}

export interface View {
  /** 'own': the card answered to this person's refresh or click; 'shared': the message's card. */
  source: 'own' | 'shared';
  card: AdaptiveCard | undefined;
  /** The text the person reads on it (cardText). */
  text: string;
}

export class MessageLog {
  readonly calls: ConnectorCall[] = [];
  private readonly messages = new Map<string, Message>();
  private readonly views = new Map<string, Map<string, AdaptiveCard>>();
  private sequence = 0;
  private readonly idBase = Date.now();

  /** record: false keeps no calls and no content (only message ids), for load runs whose memory must stay flat. */
  constructor(private readonly record: boolean) {}

  get lastSequence(): number {
    return this.sequence;
  }

  addCall(call: ConnectorCall): void {
    if (this.record) this.calls.push(call);
  }

  post(conversationId: string, activity: ActivityBody, replyToId: string | undefined, atMs: number): Message {
    this.sequence += 1;
    const id = String(this.idBase + this.sequence); // Teams' message ids are epoch milliseconds
    const kept = this.record ? { ...activity, id } : { id, type: activity.type };
    const message: Message = { id, conversationId, replyToId, posted: kept, activity: kept, card: adaptiveCardOf(kept), postedAtMs: atMs, sequence: this.sequence, updates: [] };
    this.messages.set(id, message);
    return message;
  }

  /** Replaces the shared content. Every client renders the message afresh, so personal views are dropped. */
  update(message: Message, activity: ActivityBody, atMs: number): void {
    this.views.delete(message.id);
    if (!this.record) return;
    message.activity = { ...activity, id: message.id };
    message.card = adaptiveCardOf(message.activity);
    message.updates.push({ activity: message.activity, card: message.card, atMs });
  }

  message(id: string): Message | undefined {
    return this.messages.get(id);
  }

  messagesIn(conversationId: string): Message[] {
    return [...this.messages.values()].filter((message) => message.conversationId === conversationId);
  }

  setOwnView(messageId: string, mri: string, card: AdaptiveCard): void {
    const views = this.views.get(messageId) ?? new Map<string, AdaptiveCard>();
    views.set(mri, card);
    this.views.set(messageId, views);
  }

  clearOwnView(messageId: string, mri: string): void {
    this.views.get(messageId)?.delete(mri);
  }

  viewOf(mri: string, messageId: string): View {
    const own = this.views.get(messageId)?.get(mri);
    const card = own ?? this.messages.get(messageId)?.card;
    return { source: own ? 'own' : 'shared', card, text: cardText(card) };
  }
}
