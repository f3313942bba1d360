/**
 * `enable A, B, C` and `enable all`: one request, one approval, for every subscription where something is off.
 * A subscription that already has an open request is LEFT OUT (and named) rather than failing the whole request:
 * the one-open-request rule protects that subscription, and the others need not wait for it.
 */
import type { TurnContext } from 'botbuilder';
import { AdaptiveCardJson, buildMessageCard } from '../../cards';
import type { ApiSubPlan, DefenderSettings, Subscription } from '../../core/defender';
import { planTarget, type EnableTarget } from '../../core/plan';
import type { BotDeps } from '../deps';
import { changePrecheck } from '../guards/changePrecheck';
import type { EnableAnswer } from './enableFlow';
import { withLookAlikes } from './lookAlikeMarks';

interface Candidate {
  subscription: Subscription;
  settings?: DefenderSettings;
  error?: string;
}

/** Names that match nothing or several subscriptions: the requester must say exactly which, so nothing is opened. */
async function resolveNamed(deps: BotDeps, names: string[]): Promise<{ found: Subscription[]; problems: string[] }> {
  const resolutions = await Promise.all(names.map((name) => deps.gateway.resolveSubscription(name)));
  const found: Subscription[] = [];
  const problems: string[] = [];
  resolutions.forEach((resolution, index) => {
    if (resolution.kind === 'found') found.push(resolution.subscription);
    else if (resolution.kind === 'ambiguous') problems.push(`"${names[index]}" matches ${resolution.candidates.map((candidate) => candidate.displayName).join(', ')}`);
    else problems.push(`"${names[index]}" matches no visible subscription`);
  });
  return { found: found.filter((subscription, index) => found.findIndex((other) => other.subscriptionId === subscription.subscriptionId) === index), problems };
}

async function candidatesFor(deps: BotDeps, subscriptions: string[] | 'all'): Promise<{ candidates: Candidate[]; problems: string[] }> {
  if (subscriptions === 'all') {
    const { rows } = await deps.gateway.listFleet({ concurrency: deps.config.fleetConcurrency });
    return { candidates: rows.map((row) => ({ subscription: row.subscription, settings: row.settings, error: row.error?.message })), problems: [] };
  }
  const { found, problems } = await resolveNamed(deps, subscriptions);
  if (problems.length) return { candidates: [], problems };
  const candidates = await Promise.all(found.map(async (subscription): Promise<Candidate> => {
    try {
      return { subscription, settings: await deps.gateway.readSettings(subscription.subscriptionId) };
    } catch (error) {
      return { subscription, error: error instanceof Error ? error.message : String(error) };
    }
  }));
  return { candidates, problems };
}

export async function planFleetEnable(context: TurnContext, deps: BotDeps, subscriptions: string[] | 'all', apiSubPlan?: ApiSubPlan): Promise<EnableAnswer> {
  const precheck = changePrecheck(context, deps, 'open a request');
  if (!precheck.allowed) return { reply: precheck.card };
  const requester = precheck.actor;

  const { candidates, problems } = await candidatesFor(deps, subscriptions);
  if (problems.length) {
    return { reply: buildMessageCard({ tone: 'warning', title: 'Which subscriptions?', message: 'Nothing was requested: some names do not pick exactly one subscription.', items: problems, itemsTitle: 'Not clear', nextStep: 'Use full names in quotes or subscription ids, separated by commas; `list` shows them all.' }) };
  }
  const leftOut: string[] = [];
  const targets: EnableTarget[] = [];
  for (const candidate of candidates) {
    const name = candidate.subscription.displayName;
    if (!candidate.settings) {
      leftOut.push(`${name}: could not be read (${candidate.error ?? 'unknown error'})`);
      continue;
    }
    const target = planTarget(candidate.subscription, candidate.settings, { apiSubPlan });
    if (target.changes.length === 0) {
      if (subscriptions !== 'all') leftOut.push(`${name}: already on, nothing to change`);
      continue;
    }
    const open = await deps.approvals.openRequestFor(candidate.subscription.subscriptionId);
    if (open) leftOut.push(`${name}: already has open request ${open.id}`);
    else targets.push(target);
  }
  if (targets.length === 0) {
    return { reply: buildMessageCard({ tone: 'default', title: 'Nothing to request', message: 'No subscription in the list needs a change that is not already requested.', items: leftOut, itemsTitle: 'Left out' }) };
  }
  const outcome = await deps.approvals.request({ plan: { kind: 'enable', targets: await withLookAlikes(deps, targets) }, requester });
  if (outcome.kind === 'refused') return { reply: buildMessageCard({ tone: 'warning', title: 'Request not opened', message: outcome.message }) };
  if (outcome.kind === 'nothing-to-change') return { reply: buildMessageCard({ tone: 'good', title: 'Nothing to change', message: 'Everything is on already.' }) };
  if (outcome.kind === 'already-open') {
    // Another request claimed one of these subscriptions between our check and our claim: say which, open nothing.
    return { reply: buildMessageCard({ tone: 'warning', title: 'Request not opened', message: `Request ${outcome.request.id} was opened meanwhile for ${outcome.request.plan.targets.map((target) => target.subscriptionName).join(', ')}.`, nextStep: 'Run the command again: those subscriptions will be left out.' }) };
  }
  const reply: AdaptiveCardJson = buildMessageCard({
    tone: 'good',
    title: `Request ${outcome.request.id} opened for ${targets.length} subscription${targets.length === 1 ? '' : 's'}`,
    message: 'One approval covers them all; nothing changes in Azure until an approver approves. Each subscription is checked again just before it is written.',
    items: leftOut,
    itemsTitle: leftOut.length ? 'Left out' : undefined,
  });
  return { reply, request: outcome.request };
}
