/**
 * Closed-loop load: `concurrency` workers, each sending one message and waiting for its answer at the Teams
 * connector fake (and for the HTTP response, so no more than `concurrency` turns are ever in flight).
 * A message's latency = POST /api/messages sent → its answer received by the connector.
 */
import { performance } from 'node:perf_hooks';
import type { BotClient } from './botClient';
import type { ConnectorCall, TeamsConnector } from '../test/support/teamsConnector';

export interface LoadSpec {
  client: BotClient;
  connector: TeamsConnector;
  count: number;
  concurrency: number;
  makeActivity(): { id: string } & Record<string, unknown>;
  /** The delivery that ends a message's latency (not a typing indicator, not a "working…" card). */
  isAnswer(call: ConnectorCall): boolean;
  answerTimeoutMs?: number;
}

export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
  failures: number;
}

/** A call answers a message when it replies to it (POST …/activities/{id}) or carries it as replyToId (updates). */
export const answers = (call: ConnectorCall, activityId: string): boolean =>
  call.body?.replyToId === activityId || (call.kind === 'reply' && call.activityId === activityId);

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let started = 0;
  const worker = async () => {
    while (started < spec.count) {
      started += 1;
      const activity = spec.makeActivity();
      const answered = spec.connector.nextCall((call) => answers(call, activity.id) && spec.isAnswer(call), { timeoutInMs: spec.answerTimeoutMs });
      const sentAt = performance.now();
      // allSettled: a failed POST must not leave the answer's timeout rejecting unobserved.
      const [delivery, response] = await Promise.allSettled([answered, spec.client.post(activity)]);
      const problem =
        response.status === 'rejected' ? String(response.reason)
        : response.value.status >= 300 ? `HTTP ${response.value.status}: ${response.value.body.slice(0, 200)}`
        : delivery.status === 'rejected' ? String(delivery.reason)
        : undefined;
      if (problem === undefined && delivery.status === 'fulfilled') {
        latenciesMs.push(delivery.value.receivedAtMs - sentAt);
      } else {
        failures += 1;
        if (failures <= 3) process.stderr.write(`bench: a message failed: ${problem}\n`);
      }
    }
  };
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  return { latenciesMs, wallMs: performance.now() - startedAt, failures };
}
