/** What the bot's handlers need, injected by the composition root (src/index.ts) or a test. */
import type { AppConfig } from '../config';
import type { ApprovalService } from '../core/approval';
import type { AuditLog } from '../core/audit/auditLog';
import type { Clock, DefenderGateway } from '../core/ports';
import type { Logger } from '../logging';
import type { BackgroundWork } from './host/background';
import type { CardLocations } from './delivery/cardLocations';
import type { CardPublisher } from './delivery/cardPublisher';
import type { BotRateLimits } from './guards/rateLimit';
import type { ProactiveChannel } from './host/detachedTurn';
import type { RefreshAudience } from './delivery/refreshAudience';
import type { ConversationAddresses } from './delivery/conversationAddresses';
import type { ActivityLedger } from './guards/redeliveryGuard';
import type { WatchSettings } from '../config/watchSettings';
import type { WatchLease, WatchMemory } from '../core/watch/ports';
import type { WatchService } from '../core/watch/watchService';
import type { WatchChannel } from './watch/watchChannel';

/** The watch (src/core/watch): scans, their memory and lease, the cards in the approvers' channel, who may respond to alerts. */
export interface WatchDeps {
  service: WatchService;
  lease: WatchLease;
  memory: WatchMemory;
  channel: WatchChannel;
  settings: WatchSettings;
  /** DEFENDER_RESPONDERS: besides approvers, who may take and resolve alerts. */
  responders: string[];
}

export interface BotDeps {
  gateway: DefenderGateway;
  approvals: ApprovalService;
  audit: AuditLog;
  /** Where each request's cards were posted, to update them in place for everyone. */
  cardLocations: CardLocations;
  /** Posts request cards and updates every copy on each change of state. */
  publisher: CardPublisher;
  /** Who gets their own view of a request card through Teams' refresh (user MRIs, approvers first). */
  refreshAudience: RefreshAudience;
  /** The latest serviceUrl of each conversation, noted from every inbound activity. */
  addresses: ConversationAddresses;
  /** The messages and clicks already seen: a redelivery is not acted on again. */
  ledger: ActivityLedger;
  config: Pick<AppConfig, 'approvals' | 'guardrails' | 'fleetConcurrency' | 'mode' | 'timing'>;
  logger: Logger;
  clock: Clock;
  background: BackgroundWork;
  watch: WatchDeps;
  /** Per-user limits on enable, approvals and fleet-wide lists. */
  rateLimits: BotRateLimits;
  /** Turns in a conversation outside the turn that started them: card updates, and card actions (actionRoute.ts). */
  proactive: ProactiveChannel;
  /** Override for tests; the default shows the working card after 1.5 s. */
  workingCardDelayMs?: number;
  /** Override for tests; a click is answered within DEFAULT_INVOKE_ANSWER_BUDGET_MS (then "still working"). */
  invokeAnswerBudgetMs?: number;
}
