/** What a user can ask of the bot, after parsing. The bot layer maps each kind to one handler file. */
import type { ApiSubPlan } from '../defender';

export const COMMAND_NAMES = ['help', 'status', 'posture', 'alerts', 'list', 'enable', 'requests', 'history', 'revert', 'onboard', 'register'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export type Command =
  | { kind: 'help' }
  | { kind: 'status'; subscription: string }
  /** Each API Management API: onboarded or not, and the posture counts of Defender for APIs. */
  | { kind: 'posture'; subscription: string }
  /** Defender for APIs alerts of the last 7 days; every visible subscription when none is named. */
  | { kind: 'alerts'; subscription?: string }
  | { kind: 'list' }
  | { kind: 'enable'; subscription: string; apiSubPlan?: ApiSubPlan }
  /** `enable A, B, C` or `enable all` (every visible subscription where something is off): one fleet request. */
  | { kind: 'enableMany'; subscriptions: string[] | 'all'; apiSubPlan?: ApiSubPlan }
  /** A new request that restores the before-state recorded by an earlier one. */
  | { kind: 'revert'; requestId: string }
  /** Onboard every API Management API of a subscription that is not yet an API collection of Defender for APIs. */
  | { kind: 'onboard'; subscription: string }
  /** `register approvals channel`, run by an approver in the configured approvers' channel. */
  | { kind: 'registerApprovalChannel' }
  | { kind: 'requests' }
  | { kind: 'history'; subscription?: string }
  /** A known command used wrongly: `problem` says what, `usage` shows the right form. */
  | { kind: 'invalid'; command: CommandName; problem: string; usage: string }
  /** Not a command at all; `suggestion` is the closest command name, when one is close. */
  | { kind: 'unknown'; text: string; suggestion?: CommandName };

export const USAGE: Record<CommandName, string> = {
  help: 'help',
  status: 'status <subscription>',
  posture: 'posture <subscription>',
  alerts: 'alerts [subscription]',
  list: 'list',
  enable: 'enable <subscription>[, <subscription>…] | all [plan P1..P5]',
  requests: 'requests',
  history: 'history [subscription]',
  revert: 'revert <request id>',
  onboard: 'onboard <subscription>',
  register: 'register approvals channel',
};

/** Longest command text we read; anything longer is refused before parsing. */
export const MAX_COMMAND_LENGTH = 500;
