/**
 * The floor for this stack: restify (with the same body parser settings as src/bot/host/server.ts) + botbuilder's
 * CloudAdapter, anonymous auth, replying with the text. No teams-ai, no cards, no ARM. Run as a child process
 * by the bench (PORT from the environment; prints "listening <port>" when ready).
 */
import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({} as ConfigurationBotFrameworkAuthenticationOptions));
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`echo bot turn failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await context.sendActivity('echo bot error');
};

const server = restify.createServer({ name: 'bench-echo', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: true }));
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'alive' });
  return next();
});
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(context.activity.text ?? '');
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
