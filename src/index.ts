/**
 * The composition root: the only place that builds real adapters and wires them together.
 * `npm start` runs main(); tests call startDefenderBot() with a config of their own.
 */
import type { AppConfig } from './config';
import { createLogger, type Logger } from './logging';
import { systemClock, type Clock } from './core/ports';
import { ApprovalService, createRequestIdGenerator, RequestRepository } from './core/approval';
import { connectArm, type ArmConnection } from './wiring/connectArm';
import { connectStorage } from './wiring/storage';
import { createAdapter, botAppIdOf } from './bot/adapter';
import { createBotApplication } from './bot/app';
import { BackgroundWork } from './bot/background';
import { CardPublisher } from './bot/cardPublisher';
import { createErrorSink } from './bot/errorSink';
import { BotRateLimits } from './bot/rateLimit';
import { RequestCards } from './bot/requestCards';
import { ApprovalChannel } from './bot/approvalChannel';
import { createBotServer } from './bot/server';
import { startSweeper } from './bot/sweeper';
import { checkStoreWritable } from './wiring/readiness';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Longer than any apply takes, so a start-up never re-applies what a live instance is still applying. */
const RECONCILE_MIN_AGE_SHARED_MS = 10 * 60_000;

export interface RunningBot {
  url: string;
  port: number;
  arm: ArmConnection;
  background: BackgroundWork;
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
  const arm = await connectArm(config, {
    clock,
    onBackgroundError: (error, task) => logger.warn({ err: error, task }, `background refresh failed: could not ${task}; the previous data stays in use`),
  });

  const storage = await connectStorage(config);
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
  });

  const adapter = createAdapter(config.botCredentials);
  const botAppId = botAppIdOf(config.botCredentials);
  adapter.onTurnError = createErrorSink(logger);
  const requestCards = new RequestCards(store);
  const background = new BackgroundWork(logger);
  // The first command then resolves its subscription from memory instead of reading the tenant.
  background.run('load the subscription directory', () => arm.gateway.warmUp());
  const publisher = new CardPublisher(
    requestCards,
    { continueConversation: (reference, logic) => adapter.continueConversationAsync(botAppId, reference, logic) },
    config.approvals.approvers,
    logger,
    new ApprovalChannel(store, config.approvals.approvalConversation),
  );
  const rateLimits = new BotRateLimits(config.rateLimits, clock, logger);
  const deps = { gateway: arm.gateway, approvals, audit, requestCards, publisher, config, logger, clock, background, rateLimits };
  const app = createBotApplication(deps);

  // With shared storage another instance may be applying a request right now: only take over old ones.
  const reconciled = await approvals.reconcileInterrupted({ minAgeMs: config.storage.kind === 'blob' ? RECONCILE_MIN_AGE_SHARED_MS : 0 });
  for (const request of reconciled) background.run(`update cards of ${request.id}`, () => publisher.updateAll(request));
  const sweeper = startSweeper(deps, config.sweepIntervalMs);

  const server = createBotServer({
    adapter,
    runTurn: (context) => app.run(context),
    logger,
    maxBodyBytes: config.maxBodyBytes,
    readinessChecks: [
      { name: 'storage', detail: storage.description, check: () => checkStoreWritable(store, clock) },
      { name: 'arm', detail: arm.description, check: () => arm.gateway.ping() },
      { name: 'subscriptions', detail: 'subscription directory loaded', check: () => arm.gateway.warmUp() },
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
    async close() {
      sweeper.stop();
      await server.close();
      await background.drain();
      await storage.flush();
      await arm.close();
    },
  };
}
