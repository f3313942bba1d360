/**
 * Everything the bot's handlers need, built in one place from the parts the composition root (src/index.ts) made:
 * storage, the approval service, ARM and a way to reach Teams. Tests build the same set around their TestAdapter.
 */
import type { AppConfig } from '../config';
import type { ApprovalService } from '../core/approval';
import type { KeyValueStore } from '../core/keyValueStore';
import type { AuditLog } from '../core/audit/auditLog';
import type { Clock, DefenderGateway } from '../core/ports';
import type { Logger } from '../logging';
import { ActivityLedger } from '../bot/guards/redeliveryGuard';
import { ApprovalChannel } from '../bot/delivery/approvalChannel';
import { BackgroundWork } from '../bot/host/background';
import { CardPublisher } from '../bot/delivery/cardPublisher';
import type { ConnectorRetryOptions } from '../bot/delivery/connectorRetry';
import { ConversationAddresses } from '../bot/delivery/conversationAddresses';
import type { BotDeps } from '../bot/deps';
import { failuresToCaller, type ProactiveChannel } from '../bot/host/detachedTurn';
import { BotRateLimits } from '../bot/guards/rateLimit';
import { RefreshAudience, type MemberLookup } from '../bot/delivery/refreshAudience';
import { CardLocations } from '../bot/delivery/cardLocations';
import type { WatchSettings } from '../config/watchSettings';
import { wireWatch } from './watch';

export interface BotWiring {
  store: KeyValueStore;
  /** The activity ledger's store (default: `store`). */
  ledgerStore?: KeyValueStore;
  audit: AuditLog;
  gateway: DefenderGateway;
  approvals: ApprovalService;
  config: BotDeps['config'] & Pick<AppConfig, 'rateLimits'>;
  logger: Logger;
  clock: Clock;
  /** Proactive turns as the adapter offers them; addressed here to each conversation's latest serviceUrl. */
  proactive: ProactiveChannel;
  /** Tests: roster lookups and connector retries without real Teams, shorter waits. */
  memberLookup?: MemberLookup;
  connectorRetry?: ConnectorRetryOptions;
  workingCardDelayMs?: number;
  invokeAnswerBudgetMs?: number;
  /** The watch's settings (default: Medium, no responders, no timer) and, for tests, this instance's lease holder id. */
  watch?: WatchSettings;
  watchInstanceId?: string;
}

export function wireBotDeps(wiring: BotWiring): BotDeps {
  const { store, config, logger, clock } = wiring;
  const addresses = new ConversationAddresses(store, clock);
  const proactive = failuresToCaller(addresses.addressed(wiring.proactive));
  const cardLocations = new CardLocations(store);
  const refreshAudience = new RefreshAudience(config.approvals, clock, logger, wiring.memberLookup);
  const approvalChannel = new ApprovalChannel(store, config.approvals.approvalConversation);
  const publisher = new CardPublisher({
    cardLocations,
    proactive,
    audience: refreshAudience,
    drawing: { policy: config.approvals, clock },
    latest: (requestId) => wiring.approvals.get(requestId),
    logger,
    approvalChannel,
    ...(wiring.connectorRetry ? { retry: wiring.connectorRetry } : {}),
  });
  return {
    gateway: wiring.gateway,
    approvals: wiring.approvals,
    audit: wiring.audit,
    cardLocations,
    publisher,
    proactive,
    refreshAudience,
    addresses,
    ledger: new ActivityLedger(wiring.ledgerStore ?? store, clock),
    config,
    logger,
    clock,
    background: new BackgroundWork(logger),
    watch: wireWatch({
      store, gateway: wiring.gateway, clock, logger, proactive, approvalChannel, settings: wiring.watch, connectorRetry: wiring.connectorRetry,
      ...(wiring.watchInstanceId ? { instanceId: wiring.watchInstanceId } : {}),
    }),
    rateLimits: new BotRateLimits(config.rateLimits, clock, logger),
    ...(wiring.workingCardDelayMs !== undefined ? { workingCardDelayMs: wiring.workingCardDelayMs } : {}),
    ...(wiring.invokeAnswerBudgetMs !== undefined ? { invokeAnswerBudgetMs: wiring.invokeAnswerBudgetMs } : {}),
  };
}
