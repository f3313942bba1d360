/** How many ARM calls one `status` turn makes (after the subscription list is cached), from the simulator's log. */
import { BotClient } from './botClient';
import { answers } from './loadDriver';
import { startInProcessBot } from './inProcessBot';
import type { BenchTeams } from './teams';
import { isCardAnswer } from './turnCost';

export async function countStatusArmCalls(teams: BenchTeams, text: string): Promise<{ calls: number; requests: string[] }> {
  const bot = await startInProcessBot();
  const client = new BotClient(bot.url);
  try {
    const ask = async () => {
      const activity = teams.message(text);
      const answered = teams.connector.nextCall((call) => answers(call, activity.id) && isCardAnswer(call), { timeoutInMs: 30_000, what: 'the status card' });
      await Promise.all([answered, client.post(activity)]);
    };
    await ask(); // lists (and caches) the subscriptions
    bot.arm.simulator!.clearRequests();
    await ask();
    const log = bot.arm.simulator!.requests();
    return { calls: log.length, requests: log.map((request) => `${request.method} ${request.path.replace(/^\/subscriptions\/[^/]+/, '')}`) };
  } finally {
    client.close();
    await bot.close();
  }
}
