/**
 * The real bot, wired as src/index.ts wires it, with the boundaries replaced by real stand-ins: Teams through
 * a TestAdapter, Azure through the real SDK pipeline against the HTTPS ARM simulator, storage as real files
 * in a temp dir. Time comes from a clock the test moves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { createArmCredential, DefenderClient } from '../../src/azure';
import { DEMO_SEED, startArmSimulator, type ArmSimulator, type SimulatorSeed } from '../../src/azure/simulator';
import { ApprovalService, createRequestIdGenerator, RequestRepository, type ApprovalPolicy } from '../../src/core/approval';
import { FileAuditLog } from '../../src/storage/fileAuditLog';
import { FileStorage } from '../../src/storage/fileStorage';
import { createBotApplication } from '../../src/bot/app';
import type { BotDeps } from '../../src/bot/deps';
import { createErrorSink } from '../../src/bot/delivery/errorSink';
import { wireBotDeps } from '../../src/wiring/botDeps';
import { activityLedgerFileStore } from '../../src/wiring/storage';
import { createLogger, type Logger } from '../../src/logging';
import type { AppConfig } from '../../src/config';
import type { WatchSettings } from '../../src/config/watchSettings';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from '../../src/config/rateLimitSettings';
import { TeamsTestAdapter } from './teamsTestAdapter';
import { ManualClock } from '../support/manualClock';
import { actionExecuteActivity, messageActivity, type ConversationKind } from './conversations';
import { APPROVER, SECOND_APPROVER, TeamsUser } from './people';


const TEST_INVOKE_ANSWER_BUDGET_MS = 60_000;

export interface HarnessOptions {
  seed?: SimulatorSeed;
  policy?: Partial<ApprovalPolicy>;
  guardrails?: AppConfig['guardrails'];
  dataDir?: string;
  simulator?: ArmSimulator;
  /** DEFENDER_APPROVAL_CONVERSATION: the approvers' channel. */
  approvalConversation?: string;
  /** Default: the production defaults (DEFAULT_RATE_LIMITS). */
  rateLimits?: RateLimitSettings;
  /** Default: a silent logger; security tests capture the output to grep it. */
  logger?: Logger;
  /**
   * How long a click may take before it is answered "still working". Default 60 s, not the production 3 s: on a
   * loaded CI machine a click can take over 3 s, and tests that read the answer's card would then read that text.
   * test/bot/actions/invokeAnswers.test.ts sets a short budget to test the "still working" path itself.
   */
  invokeAnswerBudgetMs?: number;
  /** The watch's minimum severity and responders (default Medium, none); scans are driven by deps.watch.service.scan(). */
  watch?: WatchSettings;
  /** The watch lease's holder id: two harnesses with two ids are two instances. */
  watchInstanceId?: string;
}

export interface BotHarness {
  adapter: TeamsTestAdapter;
  app: Application<TurnState>;
  deps: BotDeps;
  simulator: ArmSimulator;
  /** The real file store under dataDir (tests close it to play a storage failure). */
  store: FileStorage;
  dataDir: string;
  clock: ManualClock;
  /** Sends a message and returns what the bot sent during that turn (typing indicators left out). */
  send(text: string, user: TeamsUser, kind?: ConversationKind): Promise<Partial<Activity>[]>;
  /** Clicks an Action.Execute and returns the card of the invoke response. */
  click(verb: string, data: unknown, user: TeamsUser, kind?: ConversationKind): Promise<Record<string, unknown>>;
  process(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Waits for background work (execution, card updates). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The production defaults: the sweeper reconciles 14 minutes (of the test's clock) after a request began executing. */
export const TEST_TIMING = { applyTimeoutMs: 10 * 60_000, armCallTimeoutMs: 120_000 };

export const DEFAULT_TEST_POLICY: ApprovalPolicy = {
  approvers: [APPROVER.aadObjectId!, SECOND_APPROVER.aadObjectId!],
  minApprovals: 1,
  requestTtlMs: 24 * 3600 * 1000,
};

export async function createBotHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'defender-bot-')));
  const simulator = options.simulator ?? (await startArmSimulator({ port: 0, seed: options.seed ?? DEMO_SEED }));
  const clock = new ManualClock();
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const gateway = new DefenderClient({
    credential: createArmCredential({ kind: 'simulator' }),
    endpoint: simulator.url,
    caCertificate: simulator.caCertificate,
    retryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  });
  const policy = { ...DEFAULT_TEST_POLICY, ...options.policy };
  const store = new FileStorage({ dataDir });
  const ledgerStore = activityLedgerFileStore(dataDir);
  const audit = new FileAuditLog({ dataDir });
  const requests = new RequestRepository(store);
  await requests.initialise();
  const approvals = new ApprovalService({ requests, audit, gateway, clock, ids: createRequestIdGenerator(), policy });
  const adapter = new TeamsTestAdapter();
  adapter.onTurnError = createErrorSink(logger);
  const deps = wireBotDeps({
    store,
    ledgerStore,
    audit,
    gateway,
    approvals,
    config: {
      mode: 'demo',
      fleetConcurrency: 16,
      approvals: { ...policy, approvalConversation: options.approvalConversation },
      guardrails: options.guardrails ?? {},
      timing: TEST_TIMING,
      rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
    },
    logger,
    clock,
    proactive: { continueConversation: (reference, logic) => adapter.continueConversationAsync('', reference, logic) },
    // TestAdapter has no Bot Connector to ask for a roster: refresh lists use the documented 8:orgid form.
    memberLookup: async () => undefined,
    connectorRetry: { baseDelayInMs: 1, maxDelayInMs: 5 },
    workingCardDelayMs: 60_000,
    invokeAnswerBudgetMs: options.invokeAnswerBudgetMs ?? TEST_INVOKE_ANSWER_BUDGET_MS,
    ...(options.watch ? { watch: options.watch } : {}),
    ...(options.watchInstanceId ? { watchInstanceId: options.watchInstanceId } : {}),
  });
  const { background } = deps;
  const app = createBotApplication(deps);

  async function process(activity: Partial<Activity>) {
    const before = adapter.sent.length;
    await adapter.processActivity(activity, (context) => app.run(context));
    return adapter.sent.slice(before).filter((sent) => sent.type !== 'typing');
  }

  return {
    adapter,
    app,
    deps,
    simulator,
    store,
    dataDir,
    clock,
    process,
    send: (text, user, kind = 'personal') => process(messageActivity(text, user, kind)),
    async click(verb, data, user, kind = 'personal') {
      const click = actionExecuteActivity(verb, data, user, kind);
      const sent = await process(click);
      // This click's own answer: with clicks in flight at once, `sent` holds the others' answers too.
      const response = sent.find((activity) => activity.type === 'invokeResponse' && activity.replyToId === click.id);
      if (!response) throw new Error(`no invoke response to ${verb}`);
      return (response.value as { body: { value: Record<string, unknown> } }).body.value;
    },
    settle: () => background.drain(),
    async close() {
      await background.drain();
      // As src/index.ts does on shutdown: another instance may scan at once.
      await deps.watch.lease.release();
      await store.flush();
      await ledgerStore.flush();
      if (!options.simulator) await simulator.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card in a bot activity. */
export function cardOf(activity: Partial<Activity> | undefined): Record<string, unknown> {
  const card = activity?.attachments?.[0]?.content;
  if (!card) throw new Error(`expected a card, got ${JSON.stringify(activity)?.slice(0, 200)}`);
  return card as Record<string, unknown>;
}

/** Every text a person would read on a card, joined, for assertions on wording (one helper for every test). */
export { cardText } from '../support/cardText';
