/**
 * The composition root: the only place that builds real adapters and wires them together.
 * `npm start` runs main(); tests call startDefenderBot() with a config of their own.
 */
import type { AppConfig } from './config';
import { createLogger, type Logger } from './logging';
import { systemClock, type Clock } from './core/ports';
import { approversCannotRequest, ApprovalService, createRequestIdGenerator, reconcileDelayMs, RequestRepository } from './core/approval';
import { connectArm, type ArmConnection } from './wiring/connectArm';
import { connectStorage } from './wiring/storage';
import { createAdapter, botAppIdOf } from './bot/host/adapter';
import { createBotApplication } from './bot/app';
import type { BackgroundWork } from './bot/host/background';
import { createErrorSink } from './bot/delivery/errorSink';
import { createBotServer } from './bot/host/server';
import { startSweeper } from './bot/sweeper';
import { startWatch, type RunningWatch } from './bot/watch/watchTimer';
import { checkStoreWritable } from './wiring/readiness';
import { wireBotDeps } from './wiring/botDeps';
import { connectorTokenChecks } from './wiring/botConnectorReadiness';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export interface RunningBot {
  url: string;
  port: number;
  arm: ArmConnection;
  background: BackgroundWork;
  /** The watch, when it runs (DEFENDER_WATCH_INTERVAL not `off` and DEFENDER_APPROVAL_CONVERSATION set). */
  watch?: RunningWatch;
  /** Graceful stop: no new turns, in-flight turns and background work finish, storage is flushed. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  clock?: Clock;
}

export async function startDefenderBot(config: AppConfig, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  // Storage first: a second bot on one data directory stops here, with one line naming it.
  const storage = await connectStorage(config);
  const arm = await connectArm(config, {
    clock,
    onBackgroundError: (error, task) => logger.warn({ err: error, task }, `background refresh failed: could not ${task}; the previous data stays in use`),
  });

  const { store, audit } = storage;
  const requests = new RequestRepository(store);
  await requests.initialise();
  const approvals = new ApprovalService({
    requests,
    audit,
    gateway: arm.gateway,
    clock,
    ids: createRequestIdGenerator(),
    policy: config.approvals,
    applyTimeoutMs: config.timing.applyTimeoutMs,
  });

  if (approversCannotRequest(config.approvals)) {
    logger.warn(
      { approvers: config.approvals.approvers.length, minApprovals: config.approvals.minApprovals },
      'an approver\'s own request can never reach the quorum (nobody approves their own), so the bot refuses to open one: approvers must ask someone else to request. Add an approver to DEFENDER_APPROVERS or lower DEFENDER_MIN_APPROVALS to allow it',
    );
  }
  const adapter = createAdapter(config.botCredentials, config.cloud);
  const botAppId = botAppIdOf(config.botCredentials);
  adapter.onTurnError = createErrorSink(logger);
  const deps = wireBotDeps({
    store,
    ledgerStore: storage.ledgerStore,
    audit,
    gateway: arm.gateway,
    approvals,
    config,
    logger,
    clock,
    proactive: { continueConversation: (reference, logic) => adapter.continueConversationAsync(botAppId, reference, logic) },
    watch: config.watch,
  });
  const { background, publisher } = deps;
  // The first command then resolves its subscription from memory instead of reading the tenant.
  background.run('load the subscription directory', () => arm.gateway.warmUp());
  const app = createBotApplication(deps);

  // Only requests whose writes can no longer be on their way; younger ones are left to the sweeper (and to a live
  // instance, with shared storage). Recovery records what is true and never writes again.
  const reconciled = await approvals.reconcileInterrupted({ minAgeMs: reconcileDelayMs(config.timing) });
  for (const request of reconciled) background.run(`update cards of ${request.id}`, () => publisher.updateAll(request));
  const sweeper = startSweeper(deps, config.sweepIntervalMs);
  const watch = startWatchIfUseful(deps, config, logger);

  const server = createBotServer({
    adapter,
    runTurn: (context) => app.run(context),
    logger,
    maxBodyBytes: config.maxBodyBytes,
    readinessChecks: [
      { name: 'storage', detail: storage.description, check: () => checkStoreWritable(store, clock) },
      { name: 'arm', detail: arm.description, check: () => arm.gateway.ping() },
      { name: 'subscriptions', detail: 'subscription directory loaded', check: () => arm.gateway.warmUp() },
      ...connectorTokenChecks({ credentials: config.botCredentials, cloud: config.cloud, credentialsFactory: adapter.credentialsFactory, clock }),
    ],
  });
  const { port } = await server.listen(config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ mode: config.mode, url, arm: arm.description, storage: storage.description }, 'defender bot listening');
  if (config.mode === 'demo' && !LOOPBACK_HOSTS.has(config.host)) {
    logger.warn({ host: config.host }, 'demo mode is anonymous and now reachable from the network: anyone who can reach this port can drive the bot. Unset DEFENDER_HOST to bind to 127.0.0.1.');
  }

  return {
    url,
    port,
    arm,
    background,
    ...(watch ? { watch } : {}),
    async close() {
      sweeper.stop();
      await watch?.stop();
      await server.close();
      await background.drain();
      await storage.close();
      await arm.close();
    },
  };
}

/** The watch posts to the approvers' channel only: without one there is nothing to do, and nothing is read. */
function startWatchIfUseful(deps: ReturnType<typeof wireBotDeps>, config: AppConfig, logger: Logger): RunningWatch | undefined {
  const { intervalMs } = config.watch;
  if (intervalMs === undefined) return undefined;
  if (!config.approvals.approvalConversation) {
    logger.info('the watch is not running: it posts to the approvers\' channel, and DEFENDER_APPROVAL_CONVERSATION is not set');
    return undefined;
  }
  return startWatch(deps, intervalMs);
}
