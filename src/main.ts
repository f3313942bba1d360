/**
 * `npm start`. Configuration is read and checked before the heavy bot modules load, so a bad variable
 * fails in a fraction of a second with one line naming it.
 */
import { ConfigError, loadConfig, type AppConfig } from './config';

function readConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

function demoInstructions(url: string, armUrl: string): string {
  return [
    '',
    `  @defender is running in demo mode at ${url}/api/messages`,
    `  Azure is the built-in ARM simulator at ${armUrl} (no Azure account needed).`,
    '',
    '  Try it in the Microsoft 365 Agents Playground, in another terminal:',
    '      npm run playground        (then open http://localhost:56150)',
    '  and type: help, list, status "Contoso Prod", enable "Contoso Prod"',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const { startDefenderBot } = await import('./index');
  const bot = await startDefenderBot(config);
  if (config.mode === 'demo') process.stdout.write(demoInstructions(bot.url, bot.arm.description) + '\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: finishing in-flight turns…\n`);
    bot.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The bot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
