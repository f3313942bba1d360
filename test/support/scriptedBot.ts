/**
 * A minimal real bot for testing the Teams connector fake itself: restify + botbuilder's CloudAdapter (anonymous, as
 * the defender bot in demo mode), whose turn logic each test sets. It records every activity it receives.
 */
import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type TurnContext } from 'botbuilder';

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface ScriptedBot {
  url: string;
  /** What the bot does on each turn; nothing by default. */
  onTurn: TurnLogic;
  received: Partial<Activity>[];
  /** Errors thrown by turns (the adapter answers 500 for them). */
  errors: unknown[];
  close(): Promise<void>;
}

export async function startScriptedBot(): Promise<ScriptedBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({} as ConfigurationBotFrameworkAuthenticationOptions));
  const server = restify.createServer({ name: 'scripted-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  const bot: ScriptedBot = {
    url: '',
    onTurn: async () => undefined,
    received: [],
    errors: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeAllConnections();
      }),
  };
  adapter.onTurnError = async (_context, error) => {
    bot.errors.push(error);
    throw error;
  };
  server.post('/api/messages', async (req, res) => {
    bot.received.push(req.body as Partial<Activity>);
    await adapter.process(req, res, (context) => bot.onTurn(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  bot.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return bot;
}
