/**
 * B3, approval to enabled: `enable "Contoso Prod"` from the requester, in a group chat with the approver, opens a
 * request; the approver's click on that card (an adaptiveCard/action invoke, verb defender.approve, data
 * { requestId, planHash }) runs it. At 100 ms per ARM call
 * we time the invoke's own answer, both PUTs acknowledged, and the requester told, and count the ARM round trips
 * between the invoke and completion: those of the change itself (re-read, PUTs, read-back) apart from the validation
 * summary's reads that follow a successful enable. Contoso Prod's pricings are restored between runs.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_SUBSCRIPTIONS, type ArmSimulator } from '../src/azure/simulator';
import { BotClient } from './botClient';
import { answers } from './loadDriver';
import type { ConnectorCall } from '../test/support/teamsConnector';
import { startInProcessBot } from './inProcessBot';
import { median, round } from './stats';
import type { BenchTeams } from './teams';

const APPROVE_VERB = 'defender.approve';
/** Titles of the proactive message that tells the requester how it ended (src/bot/flows/executeApproved.ts). */
const REQUESTER_TOLD_MARK = 'Your request';

export interface ApprovalRun {
  invokeAnswerMs: number;
  invokeStatus: number;
  putsAcknowledgedMs: number;
  readBackDoneMs: number;
  requesterToldMs: number;
  armRoundTrips: number;
  /** The re-read, the PUTs and the read-back after the last PUT. */
  changeRoundTrips: number;
  /** What the validation summary reads after the change (APIs onboarded, posture data, open alerts). */
  validationReads: number;
  armCalls: string[];
  enabled: boolean;
}

const MEDIAN_FIELDS = ['invokeAnswerMs', 'putsAcknowledgedMs', 'readBackDoneMs', 'requesterToldMs', 'armRoundTrips', 'changeRoundTrips', 'validationReads'] as const;
type MedianField = (typeof MEDIAN_FIELDS)[number];

export interface ApprovalResult {
  latencyMs: number;
  runs: ApprovalRun[];
  median: Pick<ApprovalRun, MedianField>;
}

/** Splits the calls after an approval at the read-back, the first call after the last PUT. */
export function splitRoundTrips(methods: string[]): { changeRoundTrips: number; validationReads: number } {
  const readBack = methods.lastIndexOf('PUT') + 1;
  const changeRoundTrips = Math.min(readBack + 1, methods.length);
  return { changeRoundTrips, validationReads: methods.length - changeRoundTrips };
}

/** Finds the Approve button's data in a posted request card. */
function approveDataIn(call: ConnectorCall): { requestId: string; planHash: string } | undefined {
  let found: { requestId: string; planHash: string } | undefined;
  JSON.stringify(call.body?.attachments ?? [], (key, value) => {
    if (!found && value?.type === 'Action.Execute' && value.verb === APPROVE_VERB && value.data?.requestId) found = value.data;
    return value;
  });
  return found;
}

/** Resolves when the simulator has logged `count` requests matching; entries are logged as the answer is sent. */
async function whenLogged(simulator: ArmSimulator, count: number, matches: (method: string) => boolean, since: number): Promise<number> {
  while (simulator.requests().filter((request) => matches(request.method)).length < count) await sleep(2);
  return performance.now() - since;
}

function isEnabled(simulator: ArmSimulator): boolean {
  const pricings = simulator.state.subscription(DEMO_SUBSCRIPTIONS.contosoProd).pricings;
  const apiPosture = pricings.get('cloudposture')?.extensions.find((extension) => extension.name === 'ApiPosture');
  return pricings.get('api')?.pricingTier === 'Standard' && apiPosture?.isEnabled === 'True';
}

export async function measureApproval(teams: BenchTeams, { runs = 5, latencyMs = 100 } = {}): Promise<ApprovalResult> {
  const bot = await startInProcessBot();
  const simulator = bot.arm.simulator!;
  const record = simulator.state.subscription(DEMO_SUBSCRIPTIONS.contosoProd);
  const pristinePricings = structuredClone(record.pricings);
  const client = new BotClient(bot.url);
  simulator.setFaults({ latencyMs });
  const results: ApprovalRun[] = [];
  const { connector, requester, approver, approvalChat } = teams;
  try {
    for (let run = 0; run < runs; run += 1) {
      record.pricings = structuredClone(pristinePricings);
      const enable = connector.activities.message(requester, approvalChat, 'enable "Contoso Prod"');
      const requestCard = connector.nextCall((call) => answers(call, enable.id) && approveDataIn(call) !== undefined, { timeoutInMs: 30_000, what: 'the request card' });
      await client.post(enable);
      const card = await requestCard;
      const data = approveDataIn(card)!;

      simulator.clearRequests();
      const invoke = connector.activities.actionExecute(approver, approvalChat, { messageId: card.messageId!, verb: APPROVE_VERB, data, trigger: 'manual' });
      const told = connector.nextCall((call) => call.kind !== 'update' && JSON.stringify(call.body?.attachments ?? []).includes(REQUESTER_TOLD_MARK), {
        timeoutInMs: 30_000,
        what: 'the message telling the requester',
      });
      const startedAt = performance.now();
      const putsAcknowledged = whenLogged(simulator, 2, (method) => method === 'PUT', startedAt);
      const readBackDone = whenLogged(simulator, 4, () => true, startedAt);
      const response = await client.post(invoke);
      const invokeAnswerMs = performance.now() - startedAt;
      const toldAt = await told;
      await bot.background.drain();
      const log = simulator.requests();
      results.push({
        invokeAnswerMs: round(invokeAnswerMs),
        invokeStatus: response.status,
        putsAcknowledgedMs: round(await putsAcknowledged),
        readBackDoneMs: round(await readBackDone),
        requesterToldMs: round(toldAt.receivedAtMs - startedAt),
        armRoundTrips: log.length,
        ...splitRoundTrips(log.map((request) => request.method)),
        armCalls: log.map((request) => `${request.method} ${request.path.split('/').slice(-1)[0]}${request.query.$filter ? '?$filter' : ''}`),
        enabled: isEnabled(simulator),
      });
    }
  } finally {
    client.close();
    await bot.close();
  }
  const medianOf = (field: MedianField) => round(median(results.map((result) => result[field])));
  return { latencyMs, runs: results, median: Object.fromEntries(MEDIAN_FIELDS.map((field) => [field, medianOf(field)])) as Pick<ApprovalRun, MedianField> };
}
