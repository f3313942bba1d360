/** Every Adaptive Card the bot sends: pure `(model) => card JSON` builders, plus the verbs their actions use. */
export type { AdaptiveCardJson, Tone } from './types';
export { CARD_VERSION } from './types';
export type { ActionData } from './actions';
export * from './verbs';
export * from './models';
export { buildHelpCard, HELP_COMMANDS } from './helpCard';
export { buildWorkingCard } from './workingCard';
export { buildMessageCard, MESSAGE_MAX_CHOICES, MESSAGE_MAX_ITEMS } from './messageCard';
export { buildStatusCard, STATUS_MAX_SERVICES } from './statusCard';
export { buildFleetCard, FLEET_PAGE_SIZE, sortFleetRows } from './fleetCard';
export { buildEnablePreviewCard, COST_NOTE } from './enablePreviewCard';
export { buildApprovalCard } from './approvalCard';
export { MAX_REFRESH_USER_IDS } from './approvalActions';
export { outcomeSummaryView } from './outcomeSummary';
export type { OutcomeSummaryView, OutcomeRowView } from './outcomeSummary';
export { buildRequestsHeaderCard, buildNoOpenRequestsCard } from './requestsCards';
export { buildHistoryCard, HISTORY_MAX_ENTRIES } from './historyCard';
