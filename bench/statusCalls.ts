/** How many ARM calls one `status` turn makes (after the subscription list is cached), from the simulator's log. */
import { messageActivity, REQUESTER } from './activities';
import { BotClient } from './botClient';
import { answers } from './loadDriver';
import type { LoopbackConnector } from './loopbackConnector';
import { startInProcessBot } from './inProcessBot';
import { isCardAnswer } from './turnCost';

export async function countStatusArmCalls(connector: LoopbackConnector, text: string): Promise<{ calls: number; requests: string[] }> {
  const bot = await startInProcessBot();
  const client = new BotClient(bot.url);
  try {
    const ask = async () => {
      const activity = messageActivity(text, REQUESTER, connector.url);
      const answered = connector.waitFor((delivery) => answers(delivery, activity.id) && isCardAnswer(delivery), 30_000, 'the status card');
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
