/**
 * B1, turn cost: `status "Contoso Prod"` to the bot against "echo" to a bare restify + CloudAdapter bot, same count,
 * same concurrency, over loopback HTTP. Echo and status alternate in blocks so that load from other processes on the
 * shared machine falls on both alike.
 */
import type { BotClient } from './botClient';
import { runLoad } from './loadDriver';
import type { ConnectorCall } from '../test/support/teamsConnector';
import type { BenchTeams } from './teams';
import { percentile, round } from './stats';

export interface TargetBot {
  name: string;
  client: BotClient;
  text: string;
  isAnswer(call: ConnectorCall): boolean;
}

export interface TurnCostOptions {
  teams: BenchTeams;
  count: number;
  concurrency: number;
  warmupCount: number;
  blocks: number;
}

export interface TargetStats {
  count: number;
  failures: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  throughputPerSec: number;
  /** Connector POSTs of typing activities during this target's blocks, and per message. */
  typingIndicators: number;
  /** New TCP connections the bot opened to the connector during this target's blocks. */
  connectorConnections: number;
}

const WORKING_CARD_MARK = 'Working on it';

/** The status answer: a message carrying an Adaptive Card that is not the "working…" placeholder. */
export const isCardAnswer = (call: ConnectorCall): boolean =>
  call.body?.type === 'message' &&
  Array.isArray(call.body.attachments) &&
  call.body.attachments.length > 0 &&
  !JSON.stringify(call.body.attachments).includes(WORKING_CARD_MARK);

export const isTextAnswer = (call: ConnectorCall): boolean => call.body?.type === 'message' && typeof call.body.text === 'string';

export async function measureTurnCost(targets: TargetBot[], options: TurnCostOptions): Promise<Record<string, TargetStats>> {
  const { teams, concurrency } = options;
  const connector = teams.connector;
  const load = (target: TargetBot, count: number) =>
    runLoad({ client: target.client, connector, count, concurrency, makeActivity: () => teams.message(target.text), isAnswer: target.isAnswer });

  for (const target of targets) await load(target, options.warmupCount);

  const collected = new Map(targets.map((target) => [target.name, { latencies: [] as number[], wallMs: 0, failures: 0, typing: 0, connections: 0 }]));
  const perBlock = Math.ceil(options.count / options.blocks);
  for (let block = 0; block < options.blocks; block += 1) {
    for (const target of targets) {
      const remaining = options.count - block * perBlock;
      connector.resetStats();
      const result = await load(target, Math.min(perBlock, remaining));
      const into = collected.get(target.name)!;
      into.latencies.push(...result.latenciesMs);
      into.wallMs += result.wallMs;
      into.failures += result.failures;
      into.typing += connector.stats.typing;
      into.connections += connector.stats.connections;
    }
  }

  const stats: Record<string, TargetStats> = {};
  for (const [name, { latencies, wallMs, failures, typing, connections }] of collected) {
    stats[name] = {
      count: latencies.length,
      failures,
      p50Ms: round(percentile(latencies, 0.5)),
      p90Ms: round(percentile(latencies, 0.9)),
      p99Ms: round(percentile(latencies, 0.99)),
      meanMs: round(latencies.reduce((sum, value) => sum + value, 0) / latencies.length),
      throughputPerSec: round(latencies.length / (wallMs / 1000), 1),
      typingIndicators: typing,
      connectorConnections: connections,
    };
  }
  return stats;
}
