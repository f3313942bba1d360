/**
 * A Bot Connector fake that behaves like Teams, for tests and the bench. One loopback HTTP server plays both sides
 * Teams plays for a bot: the connector the bot calls (its serviceUrl: sends, replies, updates, member lookups, with
 * Teams' throttling, 412 on concurrent updates of one message and injected faults), and the client side that
 * delivers people's messages, clicks and card refreshes to the bot (redelivering a late-answered activity).
 *
 *   const teams = await startTeamsConnector({ redeliverAfterMs: 500 });
 *   const bot = await startBot(...); teams.botUrl = bot.url;      // or pass botUrl above
 *   const alex = teams.person({ name: 'Alex', aadObjectId, mri: '29:alex', upn: 'alex@contoso.com' });
 *   const chat = teams.conversation({ id: 'a:alex', kind: 'personal', members: [alex] });
 *   const { replies } = await teams.send(alex, chat, 'enable "Contoso Prod"');
 *   const view = await teams.open(avery, group, replies[1].id);   // refresh invoke when listed by MRI
 *   const answer = await teams.click(avery, group, replies[1].id, 'defender.approve');
 */
import { actionExecuteActivity, messageActivity, submitActivity, type BotAccount, type InvokeTrigger, type TeamsActivity } from './activities';
import { TeamsClient, type ClickResult, type Delivered, type DeliveryOptions, type OpenResult, type TurnResult } from './client';
import { FaultInjector, type FaultSpec } from './faults';
import { MessageLog, type ActivityBody, type AdaptiveCard, type ConnectorCall, type Message, type View } from './messages';
import { RateLimiter, type RateLimitOptions } from './rateLimiter';
import { ConnectorRoutes } from './routes';
import { Roster, type Conversation, type ConversationSpec, type Person, type PersonSpec } from './roster';
import { ConnectorServer, type ConnectorStats, type NextCallOptions } from './server';
import { ServiceUrls } from './serviceUrls';

export type { ActivityBody, AdaptiveCard, BotAccount, ClickResult, ConnectorCall, ConnectorStats, Conversation, ConversationSpec };
export type { NextCallOptions } from './server';
export type { Delivered, DeliveryOptions, FaultSpec, InvokeTrigger, Message, OpenResult, Person, PersonSpec, RateLimitOptions, TeamsActivity, TurnResult, View };
export type { CallKind, MessageUpdate } from './messages';
export type { DeliveryAttempt, InvokeAnswer } from './client';
export type { ConversationKind, TeamsChannelAccount } from './roster';
export type { RateWindow } from './rateLimiter';
export { TEAMS_RATE_WINDOWS } from './rateLimiter';
export { REFRESH_USER_LIMIT } from './refresh';

export interface TeamsConnectorOptions {
  /** The bot's base url (`/api/messages` is appended). May be set later: `teams.botUrl = …`. */
  botUrl?: string;
  /** Teams redelivers an activity not answered within this time (once). Default 15,000 ms. */
  redeliverAfterMs?: number;
  /** Default: Teams' windows (7 / 1 s, 60 / 30 s, 1,800 / h per conversation). `{ windows: [] }` turns throttling off. */
  rateLimits?: Partial<RateLimitOptions>;
  /** How long an update of a message stays in progress (a concurrent one gets 412). Default 5 ms; 0 makes updates instant. */
  updateProcessingMs?: number;
  /** false: keep no calls and no message content, only ids (load runs whose memory must stay flat). Default true. */
  record?: boolean;
  /** Default: a fixed test tenant. */
  tenantId?: string;
  /** The bot as Teams names it in `recipient`. Default `28:defender-bot`, "defender". */
  bot?: BotAccount;
  /** The serviceUrl's region, a path segment as in `https://smba.trafficmanager.net/amer/`. Default: none (the server's root). */
  region?: string;
}

export const DEFAULT_TENANT_ID = 'eeeeeeee-0000-4000-8000-0000000000f1';
export const DEFAULT_BOT: BotAccount = Object.freeze({ id: '28:defender-bot', name: 'defender' });

export class TeamsConnector {
  /** The bot's base url; deliveries go to `<botUrl>/api/messages`. */
  botUrl: string | undefined;
  readonly tenantId: string;
  readonly bot: BotAccount;
  /** Builders of Teams-shaped activities, for tests that vary one (deliver them with `deliver`). */
  readonly activities = {
    message: (person: Person, conversation: Conversation, text: string) => messageActivity(this.activityContext(), person, conversation, text),
    actionExecute: (person: Person, conversation: Conversation, action: { messageId: string; verb: string; data: unknown; trigger: InvokeTrigger }) =>
      actionExecuteActivity(this.activityContext(), person, conversation, action),
    /** An old client's click on an Action.Execute's fallback Action.Submit (its `data`). */
    submit: (person: Person, conversation: Conversation, action: { messageId: string; data: unknown }) => submitActivity(this.activityContext(), person, conversation, action),
  };
  private readonly roster: Roster;
  private readonly log: MessageLog;
  private readonly faults = new FaultInjector();
  private readonly serviceUrls: ServiceUrls;
  private readonly server: ConnectorServer;
  private readonly client: TeamsClient;

  constructor(options: TeamsConnectorOptions = {}) {
    this.botUrl = options.botUrl;
    this.tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
    this.bot = options.bot ?? DEFAULT_BOT;
    this.roster = new Roster(this.tenantId);
    this.log = new MessageLog(options.record ?? true);
    const limiter = new RateLimiter(options.rateLimits);
    const routes = new ConnectorRoutes({ roster: this.roster, log: this.log, limiter, faults: this.faults, updateProcessingMs: options.updateProcessingMs ?? 5 });
    this.serviceUrls = new ServiceUrls(options.region);
    this.server = new ConnectorServer(routes, this.log, this.serviceUrls);
    this.client = new TeamsClient({
      roster: this.roster,
      log: this.log,
      context: () => this.activityContext(),
      botUrl: () => this.botUrl,
      redeliverAfterMs: options.redeliverAfterMs ?? 15_000,
    });
  }

  /** The serviceUrl activities carry now, with the trailing slash Teams sends. */
  get url(): string {
    return this.server.url;
  }

  /**
   * Teams moves the bot's serviceUrl to `<origin>/<region>/`: every activity delivered from now on carries it, and
   * calls to the serviceUrl used until now (or any other) answer 404. Returns the new serviceUrl.
   */
  moveServiceUrl(region: string): string {
    this.serviceUrls.move(region);
    return this.url;
  }

  async listen(): Promise<void> {
    await this.server.listen();
  }

  person(spec: PersonSpec): Person {
    return this.roster.addPerson(spec);
  }

  conversation(spec: ConversationSpec): Conversation {
    return this.roster.addConversation(spec);
  }

  /** A message from `person`; resolves when the bot has answered, with the replies it posted meanwhile. */
  send(person: Person, conversation: Conversation, text: string, options?: DeliveryOptions): Promise<TurnResult> {
    return this.client.send(person, conversation, text, options);
  }

  /** A click on an Action.Execute; a card answered becomes that person's view (the shared message is untouched). */
  click(person: Person, conversation: Conversation, messageId: string, verb: string, data?: unknown, options?: DeliveryOptions): Promise<ClickResult> {
    return this.client.click(person, conversation, messageId, verb, data, options);
  }

  /** What `person`'s client shows for the message: their refreshed view if the card's refresh lists them, else the shared card. */
  open(person: Person, conversation: Conversation, messageId: string, options?: DeliveryOptions): Promise<OpenResult> {
    return this.client.open(person, conversation, messageId, options);
  }

  /** Any activity, delivered as Teams delivers (with redelivery). */
  deliver(activity: ActivityBody, options?: DeliveryOptions): Promise<Delivered> {
    return this.client.deliver(activity, options);
  }

  /** The last view recorded for this person: their own (answered to a refresh or click since the last update), else the shared card. */
  viewOf(person: Person, messageId: string): View {
    return this.log.viewOf(person.mri, messageId);
  }

  /** The messages the bot posted to a conversation, oldest first. */
  messages(conversation: Conversation | string): Message[] {
    return this.log.messagesIn(typeof conversation === 'string' ? conversation : conversation.id);
  }

  message(messageId: string): Message | undefined {
    return this.log.message(messageId);
  }

  /** The card everyone sees on a message (its current content). */
  sharedCard(messageId: string): AdaptiveCard | undefined {
    return this.log.message(messageId)?.card;
  }

  /** Every call the bot made to the connector, in order. */
  get calls(): readonly ConnectorCall[] {
    return this.log.calls;
  }

  callsIn(conversation: Conversation | string): ConnectorCall[] {
    const id = typeof conversation === 'string' ? conversation : conversation.id;
    return this.log.calls.filter((call) => call.conversationId === id);
  }

  /** The first call from now on that matches (rejects after options.timeoutInMs, default 30 s). */
  nextCall(matches: (call: ConnectorCall) => boolean, options?: NextCallOptions): Promise<ConnectorCall> {
    return this.server.nextCall(matches, options);
  }

  /** The first recorded call that matches, or else the next one: for work the bot finishes in the background. */
  waitForCall(matches: (call: ConnectorCall) => boolean, options?: NextCallOptions): Promise<ConnectorCall> {
    const recorded = this.log.calls.find(matches);
    return recorded ? Promise.resolve(recorded) : this.server.nextCall(matches, options);
  }

  /** The next matching calls (default 1; `count: Infinity` until clearFaults) get `status` instead of an answer. */
  failNext(fault: FaultSpec): void {
    this.faults.failNext(fault);
  }

  /** Drops every fault not yet used up: the outage is over. */
  clearFaults(): void {
    this.faults.clear();
  }

  get stats(): ConnectorStats {
    return this.server.stats;
  }

  resetStats(): void {
    this.server.resetStats();
  }

  async close(): Promise<void> {
    this.client.close();
    await this.server.close();
  }

  private activityContext() {
    return { serviceUrl: this.url, tenantId: this.tenantId, bot: this.bot };
  }
}

/** Starts the fake on a free loopback port. */
export async function startTeamsConnector(options: TeamsConnectorOptions = {}): Promise<TeamsConnector> {
  const teams = new TeamsConnector(options);
  await teams.listen();
  return teams;
}
