/**
 * The Teams side that talks to the bot: it POSTs activities to `<botUrl>/api/messages` (anonymous, as the bot runs in
 * demo mode in tests) and, like Teams, POSTs the same activity again, once, when the bot has not answered within
 * `redeliverAfterMs`. On top: a person sends a message, clicks an Action.Execute, or opens a message (their client
 * renders it and, when the card's refresh lists them, fetches their own view).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADAPTIVE_CARD_CONTENT_TYPE, findExecuteAction } from '../cardText';
import { actionExecuteActivity, messageActivity, type ActivityContext } from './activities';
import type { ActivityBody, AdaptiveCard, Message, MessageLog, View } from './messages';
import { refreshFor } from './refresh';
import type { Conversation, Person, Roster } from './roster';

export interface DeliveryOptions {
  /** Deliver to this bot instead of the connector's botUrl (several instances behind one Teams). */
  botUrl?: string;
}

export interface DeliveryAttempt {
  /** 1, or 2 for the redelivery. */
  attempt: number;
  status: number;
  /** The bot's HTTP answer, parsed when it is JSON. */
  body: unknown;
  sentAtMs: number;
  answeredAtMs: number;
}

export interface Delivered {
  activity: ActivityBody;
  /** The answer Teams acts on: the last delivery's (after a redelivery Teams no longer waits for the first). */
  status: number;
  body: unknown;
  deliveries: DeliveryAttempt[];
  redelivered: boolean;
}

export interface TurnResult extends Delivered {
  /** Messages (not typing) the bot posted to this conversation while the turn was in flight, in order. */
  replies: Message[];
}

/** An adaptiveCard/action invoke response: `{ statusCode, type, value }`. */
export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: unknown;
}

export interface ClickResult extends Delivered {
  answer: InvokeAnswer | undefined;
  /** The card answered, which is now this person's view of the message. */
  card: AdaptiveCard | undefined;
  view: View;
}

export interface OpenResult {
  /** Whether Teams sent a refresh invoke (the card's refresh lists this person). */
  refreshed: boolean;
  /** What the person's client shows now. */
  view: View;
  delivered?: Delivered;
  answer?: InvokeAnswer;
}

export interface ClientSettings {
  roster: Roster;
  log: MessageLog;
  context: () => ActivityContext;
  botUrl: () => string | undefined;
  redeliverAfterMs: number;
}

export class TeamsClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly settings: ClientSettings) {}

  async send(person: Person, conversation: Conversation, text: string, options: DeliveryOptions = {}): Promise<TurnResult> {
    this.requireMember(person, conversation);
    const activity = messageActivity(this.settings.context(), person, conversation, text);
    const before = this.settings.log.lastSequence;
    const delivered = await this.deliver(activity, options);
    const after = this.settings.log.lastSequence;
    const replies = this.settings.log
      .messagesIn(conversation.id)
      .filter((message) => message.sequence > before && message.sequence <= after && (!message.replyToId || message.replyToId === activity.id));
    return { ...delivered, replies };
  }

  /** `data` omitted: the data of the `verb` button on the card this person sees (throws when they see none). */
  async click(person: Person, conversation: Conversation, messageId: string, verb: string, data?: unknown, options: DeliveryOptions = {}): Promise<ClickResult> {
    this.requireMessage(person, conversation, messageId);
    const { log } = this.settings;
    const payload = data !== undefined ? data : this.buttonData(person, messageId, verb);
    const activity = actionExecuteActivity(this.settings.context(), person, conversation, { messageId, verb, data: payload, trigger: 'manual' });
    const delivered = await this.deliver(activity, options);
    const answer = invokeAnswerOf(delivered);
    const card = cardOf(answer);
    if (card) log.setOwnView(messageId, person.mri, card);
    return { ...delivered, answer, card, view: log.viewOf(person.mri, messageId) };
  }

  async open(person: Person, conversation: Conversation, messageId: string, options: DeliveryOptions = {}): Promise<OpenResult> {
    const message = this.requireMessage(person, conversation, messageId);
    const { log } = this.settings;
    log.clearOwnView(messageId, person.mri); // rendering starts from the shared card
    const refresh = refreshFor(message.card, person, conversation.members.length);
    if (!refresh) return { refreshed: false, view: log.viewOf(person.mri, messageId) };
    const activity = actionExecuteActivity(this.settings.context(), person, conversation, { messageId, ...refresh, trigger: 'automatic' });
    const delivered = await this.deliver(activity, options);
    const answer = invokeAnswerOf(delivered);
    const card = cardOf(answer);
    if (card) log.setOwnView(messageId, person.mri, card);
    return { refreshed: true, view: log.viewOf(person.mri, messageId), delivered, answer };
  }

  /** POSTs any activity to the bot, redelivering it once if the answer is late, and resolves when all are answered. */
  async deliver(activity: ActivityBody, options: DeliveryOptions = {}): Promise<Delivered> {
    const botUrl = options.botUrl ?? this.settings.botUrl();
    if (!botUrl) throw new Error('TeamsConnector: no botUrl; pass it to startTeamsConnector() or set teams.botUrl once the bot listens');
    const url = `${botUrl.replace(/\/$/, '')}/api/messages`;
    const payload = JSON.stringify(activity);
    const first = this.post(url, payload, 1);
    const late = new AbortController();
    const overdue = sleep(this.settings.redeliverAfterMs, 'overdue' as const, { signal: late.signal }).catch(() => 'answered' as const);
    const raced = await Promise.race([first.then(() => 'answered' as const, () => 'answered' as const), overdue]);
    late.abort();
    const attempts = raced === 'overdue' ? [first, this.post(url, payload, 2)] : [first];
    const deliveries = await Promise.all(attempts);
    const last = deliveries[deliveries.length - 1];
    return { activity, status: last.status, body: last.body, deliveries, redelivered: deliveries.length > 1 };
  }

  close(): void {
    this.agent.destroy();
  }

  private post(url: string, payload: string, attempt: number): Promise<DeliveryAttempt> {
    const sentAtMs = performance.now();
    return new Promise((resolve, reject) => {
      const request = http.request(
        url,
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ attempt, status: response.statusCode ?? 0, body: parseJson(text), sentAtMs, answeredAtMs: performance.now() });
          });
        },
      );
      request.on('error', (error) => reject(new Error(`TeamsConnector: delivery ${attempt} to ${url} failed: ${error.message}`)));
      request.end(payload);
    });
  }

  private buttonData(person: Person, messageId: string, verb: string): unknown {
    const button = findExecuteAction(this.settings.log.viewOf(person.mri, messageId).card, verb);
    if (!button) throw new Error(`TeamsConnector: ${person.name} sees no "${verb}" button on message ${messageId}; pass the data to click anyway`);
    return button.data;
  }

  private requireMember(person: Person, conversation: Conversation): void {
    if (!this.settings.roster.isMember(person, conversation)) throw new Error(`TeamsConnector: ${person.name} is not a member of ${conversation.id}`);
  }

  private requireMessage(person: Person, conversation: Conversation, messageId: string): Message {
    this.requireMember(person, conversation);
    const message = this.settings.log.message(messageId);
    if (message?.conversationId !== conversation.id) throw new Error(`TeamsConnector: no message ${messageId} in ${conversation.id}`);
    return message;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function invokeAnswerOf(delivered: Delivered): InvokeAnswer | undefined {
  const body = delivered.body as Partial<InvokeAnswer> | undefined;
  if (delivered.status !== 200 || !body || typeof body !== 'object' || typeof body.statusCode !== 'number' || typeof body.type !== 'string') return undefined;
  return { statusCode: body.statusCode, type: body.type, value: body.value };
}

function cardOf(answer: InvokeAnswer | undefined): AdaptiveCard | undefined {
  const isCard = answer?.statusCode === 200 && answer.type === ADAPTIVE_CARD_CONTENT_TYPE && answer.value && typeof answer.value === 'object';
  return isCard ? (answer.value as AdaptiveCard) : undefined;
}
