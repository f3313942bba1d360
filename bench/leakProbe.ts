/**
 * Does the bot keep memory per turn? Runs the bot in this process (start with --expose-gc), sends rounds of
 * `status` turns and prints heapUsed after a full GC each round. A flat line is lazy GC; a rising one retains.
 * `node --expose-gc --import tsx bench/leakProbe.ts [rounds] [turnsPerRound]`
 */
import { BotClient } from './botClient';
import { startInProcessBot } from './inProcessBot';
import { runLoad } from './loadDriver';
import { startBenchTeams } from './teams';
import { isCardAnswer } from './turnCost';

export interface HeapSample {
  turns: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  rssMb: number;
}

export async function probeRetention(rounds: number, turnsPerRound: number): Promise<HeapSample[]> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc');
  const teams = await startBenchTeams();
  const bot = await startInProcessBot();
  const client = new BotClient(bot.url);
  const samples: HeapSample[] = [];
  const sample = (turns: number) => {
    collect();
    const usage = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 1048576);
    samples.push({ turns, heapUsedMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal), externalMb: mb(usage.external), rssMb: mb(usage.rss) });
  };
  try {
    for (let round = 0; round <= rounds; round += 1) {
      if (round > 0) {
        await runLoad({ client, connector: teams.connector, count: turnsPerRound, concurrency: 16, makeActivity: () => teams.message('status "Contoso Prod"'), isAnswer: isCardAnswer });
      }
      sample(round * turnsPerRound);
    }
  } finally {
    client.close();
    await bot.close();
    await teams.connector.close();
  }
  return samples;
}

if (require.main === module) {
  const [rounds, turns] = process.argv.slice(2).map(Number);
  probeRetention(rounds || 4, turns || 1000).then((samples) => console.table(samples));
}
