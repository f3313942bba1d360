/**
 * The real bot (harness: TestAdapter, the ARM simulator, files) with an approvers' channel registered, for the watch
 * tests: scans are driven by calling the scan, never by waiting for the timer. Changes to "Azure" are made in the
 * simulator's state, as someone in the portal would make them.
 */
import type { Activity } from 'botbuilder';
import { DEMO_SUBSCRIPTIONS, type ArmSimulator, type SeedAlert } from '../../../src/azure/simulator';
import type { ScanReport } from '../../../src/core/watch/watchService';
import { findExecuteAction } from '../../support/cardText';
import { CHANNEL_ID } from '../conversations';
import { BotHarness, cardOf, cardText, createBotHarness, type HarnessOptions } from '../harness';
import { APPROVER } from '../people';

export const DEV = DEMO_SUBSCRIPTIONS.contosoDev;
export const WATCH_CARD_TITLE = /Coverage lost ·|New API not onboarded ·|New Defender for APIs alert ·|Defender watch: /;

export interface WatchCard {
  activity: Partial<Activity>;
  card: Record<string, unknown>;
  text: string;
}

/** A bot whose approvers' channel is registered, its clock at the real time (the simulator's alerts are recent). */
export async function startWatchBot(options: HarnessOptions & { registerChannel?: boolean } = {}): Promise<BotHarness> {
  const { registerChannel = true, ...harnessOptions } = options;
  const bot = await createBotHarness({ approvalConversation: CHANNEL_ID, ...harnessOptions });
  bot.clock.advance(Date.now() - bot.clock.now().getTime());
  if (registerChannel) await registerApproversChannel(bot);
  return bot;
}

export async function registerApproversChannel(bot: BotHarness): Promise<void> {
  await bot.send('register approvals channel', APPROVER, 'channel');
}

export async function scan(bot: BotHarness): Promise<ScanReport> {
  const report = await bot.deps.watch.service.scan();
  await bot.settle();
  return report;
}

/** Every watch card the bot posted (not updates), oldest first. */
export function watchCards(bot: BotHarness): WatchCard[] {
  return bot.adapter.sent
    .filter((activity) => activity.type === 'message' && activity.attachments?.length)
    .map((activity) => ({ activity, card: cardOf(activity), text: cardText(cardOf(activity)) }))
    .filter(({ text }) => WATCH_CARD_TITLE.test(text));
}

export function findingIdOn(card: Record<string, unknown>): string {
  const take = findExecuteAction(card, 'defender.alert.resolve');
  if (!take) throw new Error(`no Resolve button on ${cardText(card).slice(0, 200)}`);
  return (take.data as { findingId: string }).findingId;
}

export function raiseAlert(simulator: ArmSimulator, alert: Partial<SeedAlert> & { alertDisplayName: string }, subscriptionId: string = DEV) {
  return simulator.state.alerts.add(subscriptionId, { alertType: 'API_SpikeInAPITraffic', severity: 'Medium', compromisedEntity: 'Echo API', ...alert });
}

/** An API published in Contoso Dev's API Management service (not onboarded). */
export function publishApi(simulator: ArmSimulator, name: string, displayName: string): void {
  simulator.state.subscription(DEV).apiManagementServices[0].apis.push({ name, displayName, path: name, isCurrent: true, apiRevision: '1', onboarded: false });
}
