/** `history [sub]`: the latest audit entries, newest first. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildHistoryCard, HistoryEntry } from '../../cards';
import type { AuditEntry } from '../../core/audit/auditLog';
import { sendCard } from '../host/cardReplies';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { resolveOrExplain } from '../flows/subscriptionLookup';

const HISTORY_LIMIT = 20;

/** "request.approval-recorded" → "approval recorded"; "alert.taken" → "alert taken". */
function actionWords(type: AuditEntry['type']): string {
  return type.replace(/^request\./, '').replace(/[.-]/g, ' ');
}

function outcomeOf(entry: AuditEntry): string | undefined {
  const reason = entry.details.reason ?? entry.details.statusReason;
  return typeof reason === 'string' ? reason : undefined;
}

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'history', async (context, command) => {
    const subscription = command.subscription ? await resolveOrExplain(context, deps.gateway, command.subscription) : undefined;
    if (command.subscription && !subscription) return;
    const [entries, subscriptions] = await Promise.all([
      deps.audit.list({ subscriptionId: subscription?.subscriptionId.toLowerCase(), limit: HISTORY_LIMIT }),
      deps.gateway.listSubscriptions(),
    ]);
    const names = new Map(subscriptions.map((known) => [known.subscriptionId.toLowerCase(), known.displayName]));
    const historyEntries: HistoryEntry[] = entries.map((entry) => ({
      at: entry.at,
      action: actionWords(entry.type),
      actor: entry.actor.name,
      subscriptionId: entry.subscriptionIds[0],
      subscriptionName: entry.subscriptionIds.map((id) => (names.has(id) ? `${names.get(id)} (${id})` : id)).join(', '),
      outcome: outcomeOf(entry),
      requestId: entry.requestId,
    }));
    await sendCard(context, buildHistoryCard({ entries: historyEntries, subscriptionName: subscription && `${subscription.displayName} (${subscription.subscriptionId})` }));
  });
}
