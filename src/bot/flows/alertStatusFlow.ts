/**
 * Take it (InProgress) and Resolve on a watch alert card: the only writes to Azure the monitoring features make.
 * The card carries a finding id only; the alert (subscription, location, name) comes from the watch's own store,
 * so a forged click can name no alert the watch did not post. Allowed to approvers and DEFENDER_RESPONDERS; a refusal
 * and every change are audited. The clicker gets the answer; the shared card is redrawn for everyone afterwards.
 */
import type { TurnContext } from 'botbuilder';
import { buildMessageCard, buildWatchAlertCard, currentAlertStatus, type AdaptiveCardJson } from '../../cards';
import type { Person } from '../../core/approval';
import { isDefenderError } from '../../core/errors';
import { KeyedMutex } from '../../core/keyedMutex';
import type { SettableAlertStatus } from '../../core/monitoring';
import { mayRespondToAlerts, type WatchFinding } from '../../core/watch/findings';
import type { StoredFinding } from '../../core/watch/ports';
import type { BotDeps } from '../deps';
import { changePrecheck } from '../guards/changePrecheck';

/**
 * One change per alert at a time in this process: two people clicking Take it at once would both see it open, both
 * write to Azure and both be recorded. The second now reads the first's action and is told "in progress already".
 */
const changesPerAlert = new KeyedMutex();

type AlertFinding = StoredFinding & { finding: Extract<WatchFinding, { kind: 'new-alert' }> };

const STATUS_WORDS: Record<SettableAlertStatus, { verb: string; done: string }> = {
  InProgress: { verb: 'take', done: 'in progress' },
  Resolved: { verb: 'resolve', done: 'resolved' },
};

function isAlertFinding(stored: StoredFinding | undefined): stored is AlertFinding {
  return stored?.finding.kind === 'new-alert';
}

async function auditRefusal(deps: BotDeps, person: Person, stored: AlertFinding, status: SettableAlertStatus): Promise<void> {
  const { alert } = stored.finding;
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    type: 'alert.refused',
    requestId: '',
    subscriptionIds: [alert.subscriptionId.toLowerCase()],
    actor: person,
    details: { findingId: stored.id, alertName: alert.ref.name, wanted: status, reason: 'not an approver or responder' },
  });
}

/** Nothing changes unless the status would: taking an alert someone took, or resolving a resolved one, says so. */
function alreadyThere(stored: AlertFinding, status: SettableAlertStatus): string | undefined {
  const now = currentAlertStatus(stored.finding.alert, stored.actions ?? []);
  const last = stored.actions?.at(-1);
  const by = last ? ` by ${last.by.name}` : '';
  if (now === 'Resolved' || now === 'Dismissed') return `This alert is ${now.toLowerCase()} already${last?.status === 'Resolved' ? by : ''}.`;
  if (status === 'InProgress' && now === 'InProgress') return `This alert is in progress already${by}.`;
  return undefined;
}

export async function changeAlertStatus(context: TurnContext, deps: BotDeps, findingId: string, status: SettableAlertStatus): Promise<AdaptiveCardJson> {
  const words = STATUS_WORDS[status];
  // A change in Azure, like an approval: only where DEFENDER_ALLOWED_CONVERSATIONS allows changes.
  const precheck = changePrecheck(context, deps, `${words.verb} an alert`);
  if (!precheck.allowed) return precheck.card;
  const person = precheck.actor;
  return changesPerAlert.run(findingId, () => changeOnce(deps, person, findingId, status));
}

async function changeOnce(deps: BotDeps, person: Person, findingId: string, status: SettableAlertStatus): Promise<AdaptiveCardJson> {
  const words = STATUS_WORDS[status];
  const stored = await deps.watch.memory.get(findingId);
  if (!isAlertFinding(stored)) {
    return buildMessageCard({ tone: 'attention', title: 'That is not an alert the watch posted', message: 'Nothing was changed: the button names no alert card of this bot.', nextStep: 'Use the buttons on an alert card the watch posted in the approvers\' channel.' });
  }
  if (!mayRespondToAlerts(person.id, { approvers: deps.config.approvals.approvers, responders: deps.watch.responders })) {
    await auditRefusal(deps, person, stored, status);
    return buildMessageCard({
      tone: 'warning',
      title: `You cannot ${words.verb} this alert`,
      message: `Only approvers and responders (DEFENDER_RESPONDERS) can take or resolve alerts, and you are neither, so the alert was not changed. The attempt is recorded in the audit log.`,
      nextStep: 'Ask an approver or a responder, or open the alert in the portal if you have rights there.',
    });
  }
  const unchanged = alreadyThere(stored, status);
  if (unchanged) return buildMessageCard({ tone: 'default', title: 'Nothing to change', message: unchanged });
  const { alert } = stored.finding;
  try {
    await deps.gateway.setAlertStatus(alert.subscriptionId, alert.ref, status);
  } catch (error) {
    if (!isDefenderError(error)) throw error;
    return buildMessageCard({ tone: 'warning', title: 'Azure said no', message: error.message, nextStep: 'The alert was not changed. Fix what Azure says, then click again.' });
  }
  const at = deps.clock.now().toISOString();
  const updated = await deps.watch.memory.recordAction(findingId, { status, by: person, at });
  await deps.audit.append({
    at,
    type: status === 'InProgress' ? 'alert.taken' : 'alert.resolved',
    requestId: '',
    subscriptionIds: [alert.subscriptionId.toLowerCase()],
    actor: person,
    details: { findingId, alertName: alert.ref.name, alertType: alert.alertType, statusReason: `${alert.displayName} is ${words.done}` },
  });
  deps.background.run(`update watch card ${findingId}`, () => deps.watch.channel.updateAlertCard(findingId));
  return buildWatchAlertCard({ findingId, subscriptionName: stored.finding.subscriptionName, alert, actions: updated.actions ?? [] });
}
