/**
 * The HTTP front door: POST /api/messages → adapter → app; GET /healthz (alive); GET /readyz (storage and ARM
 * reachable and, in production, a Bot Connector token to be had). Transport only: no command logic here.
 */
import restify, { Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from '../../logging';
import { beginTurn, newCorrelationId } from './correlation';

export interface ReadinessCheck {
  name: string;
  /** What is checked, e.g. the storage backend; shown in /readyz. Never a secret. */
  detail?: string;
  check(): Promise<void>;
}

export interface BotServerOptions {
  adapter: TeamsAdapter;
  /** Runs one turn; the app's run(). */
  runTurn(context: TurnContext): Promise<unknown>;
  readinessChecks: ReadinessCheck[];
  logger: Logger;
  maxBodyBytes: number;
  /** Inbound requests that take longer are answered 503, so a stuck call cannot pile up connections. */
  requestTimeoutMs?: number;
}

export interface BotServer {
  server: Server;
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Stops accepting, lets in-flight turns finish, then closes. */
  close(): Promise<void>;
}

async function runReadiness(checks: ReadinessCheck[]) {
  const results = await Promise.all(
    checks.map(async ({ name, detail, check }) => {
      try {
        await check();
        return { name, detail, ok: true as const };
      } catch (error) {
        return { name, detail, ok: false as const, problem: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return { ready: results.every((result) => result.ok), checks: results };
}

export function createBotServer(options: BotServerOptions): BotServer {
  const { adapter, logger } = options;
  const server = restify.createServer({ name: 'defender-chatops', handleUncaughtExceptions: false });
  const inFlight = new Set<Promise<unknown>>();

  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, rejectUnknown: true }));
  server.server.requestTimeout = options.requestTimeoutMs ?? 30_000;

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'alive' });
    return next();
  });

  server.get('/readyz', async (_req, res) => {
    const readiness = await runReadiness(options.readinessChecks);
    res.send(readiness.ready ? 200 : 503, readiness);
  });

  // The Agents Playground (and some probes) check the endpoint with HEAD before posting.
  server.head('/api/messages', (_req, res, next) => {
    res.send(200);
    return next();
  });

  server.post('/api/messages', async (req, res) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body) || typeof req.body.type !== 'string') {
      res.send(400, { error: { code: 'BadActivity', message: 'The body must be a Bot Framework activity (a JSON object with a "type").' } });
      return;
    }
    const correlationId = newCorrelationId();
    const turn = adapter
      .process(req, res, async (context) => {
        beginTurn(context, logger, correlationId);
        await options.runTurn(context);
      })
      .catch((error: unknown) => {
        logger.error({ err: error, correlationId }, 'turn failed outside the bot (adapter or authentication)');
        if (!res.headersSent) res.send(500);
      });
    inFlight.add(turn);
    await turn.finally(() => inFlight.delete(turn));
  });

  server.on('restifyError', (req, res, error, callback) => {
    logger.warn({ statusCode: error.statusCode, path: req.path(), problem: error.message }, 'request refused');
    return callback();
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve({ port: (server.address() as { port: number }).port }));
      }),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
      server.server.closeIdleConnections?.();
      await closed;
    },
  };
}
