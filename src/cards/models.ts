/**
 * What the bot hands each card builder. Derived from src/core types where one fits;
 * the bot maps its records onto these, the cards shape them into words and colours.
 */
import type { FleetRow, Subscription, SubscriptionStatus } from '../core/defender';
import type { TargetOutcome } from '../core/outcome';
import type { FleetSource } from '../core/fleet';
import type { ApiPosture, OpenApiAlertsSummary, SubscriptionApiAlerts } from '../core/monitoring';
import type { RequestStatus } from '../core/approval';
import type { EnableTarget, TargetPlan } from '../core/plan';
import type { ActionData } from './actions';
import type { Tone } from './types';
import type { Verb } from './verbs';

/** Times: a Date or an ISO 8601 string; cards render them in UTC. */
export type Timestamp = Date | string;

/** `status <sub>`: the core's SubscriptionStatus, plus the open API alerts line when they were read. */
export type StatusCardModel = SubscriptionStatus & { apiAlerts?: OpenApiAlertsSummary };

export interface AlertsCardModel {
  /** The subscription asked about; unset when the card covers every visible subscription. */
  subscription?: Subscription;
  /** One row per subscription read (one row when `subscription` is set); alerts newest first or an error. */
  rows: SubscriptionApiAlerts[];
  /** 1-based page to show; out-of-range pages clamp to the last page. */
  page: number;
  /** Alerts per page; default ALERTS_PAGE_SIZE. */
  pageSize?: number;
}

export interface PostureCardModel {
  posture: ApiPosture;
  /** 1-based page of APIs to show; out-of-range pages clamp to the last page. */
  page: number;
  /** APIs per page; default POSTURE_PAGE_SIZE. */
  pageSize?: number;
}

export interface FleetCardModel {
  /** Every row (the card sorts by name and pages them; the bot re-lists for "Show more"). */
  rows: FleetRow[];
  /** 1-based page to show; out-of-range pages clamp to the last page. */
  page: number;
  /** Rows per page; default FLEET_PAGE_SIZE (15). */
  pageSize?: number;
  /** Where the rows come from; the card says how fresh they are. Unset: no freshness line. */
  source?: FleetSource;
  /** Why Resource Graph could not be used (source 'arm'). */
  fallbackReason?: string;
}

/** The part of a TargetPlan a card shows; a whole TargetPlan fits. */
export type PlanSummary = Pick<TargetPlan, 'subscriptionId' | 'subscriptionName' | 'changes' | 'lookAlikes'>;

export interface EnablePreviewCardModel {
  plan: PlanSummary & Pick<EnableTarget, 'apiSubPlan'>;
  /** Set once the approval request exists. */
  requestId?: string;
  /** Approvals the request needs (quorum). */
  minApprovals: number;
}

/** The request's status, as the approval flow names it. */
export type ApprovalStatus = RequestStatus;

/** Who looks at the card. 'everyone' is the base card posted to the conversation (no refresh-driven view). */
export type ViewerRole = 'approver' | 'requester' | 'observer' | 'everyone';

export interface PersonRef {
  /** Display name, shown as plain text. */
  name: string;
}

/** A request's card, for one viewer or (the shared card) for everyone, whatever the request does and however many subscriptions. */
export interface RequestCardModel {
  /** e.g. "Enable Defender for APIs", "Revert req_…", "Onboard APIs to Defender for APIs". */
  heading: string;
  requestId: string;
  planHash: string;
  status: ApprovalStatus;
  /** Each subscription's planned changes and, once run, its result. */
  targets: RequestTarget[];
  /** 1-based page of the subscriptions (a long request is paged); out of range clamps. */
  page?: number;
  requester: PersonRef;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  /** Approvals that count now (from people who are approvers now). */
  approvals: Array<PersonRef & { at?: Timestamp }>;
  /** Approvals on record that no longer count, and why (e.g. "not an approver"). */
  notCounted?: Array<PersonRef & { reason: string }>;
  /** Quorum: approvals needed before it runs. */
  minApprovals: number;
  /** The buttons this card offers: exactly what the server would allow its viewer (the core's permissionsFor). */
  buttons: { approve: boolean; reject: boolean; cancel: boolean; retry: boolean };
  rejection?: { by: PersonRef; reason: string; at?: Timestamp };
  cancelledBy?: PersonRef;
  /** Why it ended this way, in a sentence (expired, stale, interrupted, …); plain text. */
  statusReason?: string;
  /** The failed request this one retries. */
  retryOf?: string;
  /** The request a Retry created from this one. `url` (https only) links to its card. */
  retriedAs?: { requestId: string; url?: string };
  /** The request whose before-state this one restores. */
  revertOf?: string;
  /** Who gets their own view through Teams' automatic refresh: user MRIs (29:…), approvers first, at most 60 used. */
  refreshUserIds: string[];
  /** One line for this viewer only, above everything else: why their click was refused. Plain text. */
  notice?: string;
}

/** One subscription of a request: its plan and, once run, its outcome. */
export interface RequestTarget {
  plan: PlanSummary;
  outcome?: TargetOutcome;
}

export interface HistoryEntry {
  at: Timestamp;
  /** e.g. requested, approved, rejected, cancelled, expired, executed, retried. */
  action: string;
  actor: string;
  subscriptionName?: string;
  subscriptionId?: string;
  /** e.g. succeeded, failed: ARM said …; shown as plain text. */
  outcome?: string;
  requestId?: string;
}

export interface HistoryCardModel {
  /** Newest first. The card shows at most `maxEntries` (default HISTORY_MAX_ENTRIES). */
  entries: HistoryEntry[];
  /** Set when the history is filtered to one subscription (`history <sub>`). */
  subscriptionName?: string;
  maxEntries?: number;
}

export interface MessageCardModel {
  title: string;
  /** One sentence: what went wrong (or happened). */
  message: string;
  /** What to do next, e.g. "Type `help` to see every command." Trusted text: markdown allowed. */
  nextStep?: string;
  tone?: Tone;
  /** e.g. did-you-mean commands, ambiguous candidates, visible subscriptions; shown as plain text. */
  items?: string[];
  itemsTitle?: string;
  /** Buttons, e.g. one "Status of <sub>" per ambiguous candidate (max MESSAGE_MAX_CHOICES). */
  choices?: Array<{ title: string; verb: Verb; data: ActionData }>;
}
