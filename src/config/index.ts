/**
 * The one module that reads the environment. Everything is validated at start-up; a bad value stops the
 * process with one line naming the variable and the fix (see ConfigError).
 */
import { ConfigError, Env, readDurationMs, readInteger, readList, readPort, readString } from './env';
import { DEMO_APPROVERS } from './demoUsers';
import { SimulatorSettings } from './simulatorSettings';
import { readDemoArmSettings } from './demoArm';
import { readDataDir, readStorageSettings, type StorageSettings } from './storageSettings';
import { readRateLimitSettings, type RateLimitSettings } from './rateLimitSettings';
import { readWatchSettings, type WatchSettings } from './watchSettings';
import { readCloud, type CloudSettings } from './clouds';
import { ApprovalPolicyError, createApprovalPolicy, type ApprovalPolicyField } from '../core/approval';
import type { ApprovalPolicy } from '../core/approval';

export { ConfigError } from './env';
export { loadStorageLocation, type StorageLocation } from './storageSettings';
export { CLOUD_NAMES, CLOUDS, type CloudName, type CloudSettings } from './clouds';

export type Mode = 'demo' | 'production';

export type BotCredentials =
  | { kind: 'anonymous' }
  | { kind: 'secret'; appId: string; appPassword: string; appType: 'MultiTenant' | 'SingleTenant'; tenantId?: string }
  | { kind: 'managed-identity'; appId: string; tenantId: string };

export interface AppConfig {
  mode: Mode;
  port: number;
  /** Demo binds to loopback unless told otherwise: an anonymous bot must not be reachable from the network. */
  host: string;
  botCredentials: BotCredentials;
  /** DEFENDER_CLOUD: the Bot Framework, ARM and Entra endpoints of the cloud the bot runs in (src/config/clouds.ts). */
  cloud: CloudSettings;
  dataDir: string;
  /** DEFENDER_STORAGE: files in dataDir (default) or a blob container shared by several instances. */
  storage: StorageSettings;
  logLevel: string;
  /** Demo: the in-process simulator, or a standalone one shared by several demo instances (DEFENDER_ARM_ENDPOINT). */
  arm:
    | { kind: 'azure'; endpoint: string }
    | { kind: 'simulator'; simulator: SimulatorSettings }
    | { kind: 'external-simulator'; endpoint: string; caFile: string };
  fleetConcurrency: number;
  /** Who approves, the quorum and the request lifetime: normalised by createApprovalPolicy (src/core). */
  approvals: ApprovalPolicy & {
    /** DEFENDER_APPROVAL_CONVERSATION: where every new request is also posted (a channel or chat id). Unset: nowhere else. */
    approvalConversation?: string;
  };
  guardrails: {
    /** Unset only in demo mode: activities from other tenants are dropped. */
    allowedTenants?: string[];
    /** Unset: enable and approvals work in every conversation. */
    allowedConversations?: string[];
  };
  /** How often the sweeper expires old requests and reconciles interrupted ones. */
  sweepIntervalMs: number;
  /**
   * Bounds on writing to Azure, which crash recovery relies on: an approved request starts no ARM call after
   * `applyTimeoutMs` (DEFENDER_APPLY_TIMEOUT), and one ARM call, retries included, takes at most `armCallTimeoutMs`
   * (DEFENDER_ARM_CALL_TIMEOUT). See reconcileDelayMs in src/core/approval/execution.ts.
   */
  timing: { applyTimeoutMs: number; armCallTimeoutMs: number };
  maxBodyBytes: number;
  /** Per-user limits on enable, approvals and fleet-wide lists (DEFENDER_RATE_LIMIT_*). */
  rateLimits: RateLimitSettings;
  /** The watch of coverage, new APIs and alerts (DEFENDER_WATCH_*, DEFENDER_RESPONDERS). */
  watch: WatchSettings;
}

function readMode(env: Env): Mode {
  const raw = readString(env, 'DEFENDER_MODE');
  if (raw === undefined) return readString(env, 'MicrosoftAppId') ? 'production' : 'demo';
  if (raw !== 'demo' && raw !== 'production') {
    throw new ConfigError('DEFENDER_MODE', `"${raw}" is not a mode`, 'Use "demo" or "production", or unset it');
  }
  return raw;
}

const APP_TYPES = ['SingleTenant', 'UserAssignedMSI', 'MultiTenant'] as const;
const APP_TYPE_CHOICES =
  'Set it to the type of the bot\'s Entra app: SingleTenant (app id + secret in your tenant), UserAssignedMSI (a managed identity) or MultiTenant (only an existing multi-tenant registration: new ones cannot be created since 31 July 2025, and a SingleTenant app run as MultiTenant fails every outbound call)';

/** MicrosoftAppType in any letter case, as botbuilder compares it; undefined when unset. */
function readAppType(env: Env): (typeof APP_TYPES)[number] | undefined {
  const raw = readString(env, 'MicrosoftAppType');
  if (raw === undefined) return undefined;
  const appType = APP_TYPES.find((type) => type.toLowerCase() === raw.toLowerCase());
  if (!appType) throw new ConfigError('MicrosoftAppType', `"${raw}" is not an app type`, APP_TYPE_CHOICES);
  return appType;
}

function readBotCredentials(env: Env, mode: Mode): BotCredentials {
  const appId = readString(env, 'MicrosoftAppId');
  const appPassword = readString(env, 'MicrosoftAppPassword');
  const appType = readAppType(env);
  const tenantId = readString(env, 'MicrosoftAppTenantId');
  if (!appId) {
    if (mode === 'production') {
      throw new ConfigError('MicrosoftAppId', 'production mode needs the bot\'s app id', 'Set MicrosoftAppId (and MicrosoftAppPassword, or MicrosoftAppType=UserAssignedMSI), or use DEFENDER_MODE=demo');
    }
    if (appPassword) throw new ConfigError('MicrosoftAppPassword', 'is set without MicrosoftAppId', 'Set MicrosoftAppId too, or unset MicrosoftAppPassword');
    return { kind: 'anonymous' };
  }
  if (mode === 'demo') {
    throw new ConfigError('DEFENDER_MODE', 'demo mode is anonymous but MicrosoftAppId is set', 'Unset MicrosoftAppId for the demo, or use DEFENDER_MODE=production');
  }
  if (!appType) {
    throw new ConfigError('MicrosoftAppType', 'is required in production and has no default', APP_TYPE_CHOICES);
  }
  if (appType === 'UserAssignedMSI') {
    if (!tenantId) throw new ConfigError('MicrosoftAppTenantId', 'is required with MicrosoftAppType=UserAssignedMSI', 'Set it to your Entra tenant id');
    return { kind: 'managed-identity', appId, tenantId };
  }
  if (!appPassword) {
    throw new ConfigError('MicrosoftAppPassword', 'MicrosoftAppId is set without its secret', 'Set MicrosoftAppPassword, or MicrosoftAppType=UserAssignedMSI for a managed identity');
  }
  if (appType === 'SingleTenant' && !tenantId) {
    throw new ConfigError('MicrosoftAppTenantId', 'is required with MicrosoftAppType=SingleTenant', 'Set it to your Entra tenant id');
  }
  return { kind: 'secret', appId, appPassword, appType, tenantId };
}

function readTiming(env: Env): AppConfig['timing'] {
  return {
    applyTimeoutMs: readDurationMs(env, 'DEFENDER_APPLY_TIMEOUT', 'PT10M', { minMs: 1000, maxMs: 3_600_000, words: '1 second to 1 hour' }),
    armCallTimeoutMs: readDurationMs(env, 'DEFENDER_ARM_CALL_TIMEOUT', 'PT2M', { minMs: 1000, maxMs: 600_000, words: '1 second to 10 minutes' }),
  };
}

function readRequestTtlMs(env: Env): number {
  return readDurationMs(env, 'DEFENDER_REQUEST_TTL', 'PT24H', { minMs: 60_000, maxMs: 30 * 86_400_000, words: '1 minute to 30 days', hint: 'Use e.g. PT24H, PT30M or P2D' });
}

const POLICY_VARIABLES: Record<ApprovalPolicyField, string> = {
  approvers: 'DEFENDER_APPROVERS',
  requesters: 'DEFENDER_REQUESTERS',
  minApprovals: 'DEFENDER_MIN_APPROVALS',
  requestTtlMs: 'DEFENDER_REQUEST_TTL',
};

/** The approval policy, built by the core's one constructor, with its complaints told in the variables' names. */
function readApprovals(env: Env, mode: Mode): AppConfig['approvals'] {
  const approvers = readList(env, 'DEFENDER_APPROVERS', { guids: false });
  if (mode === 'production' && !approvers?.length) {
    throw new ConfigError('DEFENDER_APPROVERS', 'production mode needs at least one approver', 'Set it to the approvers\' Entra object ids, separated by commas');
  }
  const minApprovals = readInteger(env, 'DEFENDER_MIN_APPROVALS', 1, { min: 1, max: 10 });
  try {
    const policy = createApprovalPolicy({
      approvers: approvers ?? DEMO_APPROVERS.map((person) => person.aadObjectId),
      requesters: readList(env, 'DEFENDER_REQUESTERS', { guids: false }),
      minApprovals,
      requestTtlMs: readRequestTtlMs(env),
    });
    return { ...policy, approvalConversation: readString(env, 'DEFENDER_APPROVAL_CONVERSATION') };
  } catch (error) {
    if (!(error instanceof ApprovalPolicyError)) throw error;
    if (error.problem === 'QuorumUnreachable') {
      const distinct = new Set((approvers ?? []).map((id) => id.toLowerCase())).size;
      throw new ConfigError(
        'DEFENDER_MIN_APPROVALS',
        `${minApprovals} approvals can never be reached: DEFENDER_APPROVERS lists ${distinct} distinct approver(s) (an id listed twice counts once)`,
        'Lower DEFENDER_MIN_APPROVALS, or add approvers to DEFENDER_APPROVERS',
      );
    }
    const fix = error.problem === 'InvalidObjectId' ? 'List object ids separated by commas; find one with `az ad user show --id <upn> --query id -o tsv`' : 'Fix the value, or unset it for the default';
    throw new ConfigError(POLICY_VARIABLES[error.field], error.message, fix);
  }
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const mode = readMode(env);
  const cloud = readCloud(env);
  const botCredentials = readBotCredentials(env, mode);
  const approvals = readApprovals(env, mode);
  const allowedTenants = readList(env, 'DEFENDER_ALLOWED_TENANTS', { guids: true });
  if (mode === 'production' && !allowedTenants?.length) {
    throw new ConfigError('DEFENDER_ALLOWED_TENANTS', 'production mode needs the tenants the bot serves', 'Set it to your Entra tenant id(s), separated by commas');
  }
  return {
    mode,
    port: readPort(env, 'PORT', 3978),
    host: readString(env, 'DEFENDER_HOST') ?? (mode === 'demo' ? '127.0.0.1' : '0.0.0.0'),
    botCredentials,
    cloud,
    dataDir: readDataDir(env, cwd),
    storage: readStorageSettings(env),
    logLevel: readString(env, 'DEFENDER_LOG_LEVEL') ?? 'info',
    arm:
      mode === 'demo'
        ? readDemoArmSettings(env)
        : { kind: 'azure', endpoint: readString(env, 'DEFENDER_ARM_ENDPOINT') ?? cloud.armEndpoint },
    fleetConcurrency: readInteger(env, 'DEFENDER_FLEET_CONCURRENCY', 16, { min: 1, max: 64 }),
    approvals,
    guardrails: {
      allowedTenants,
      allowedConversations: readList(env, 'DEFENDER_ALLOWED_CONVERSATIONS', { guids: false }),
    },
    sweepIntervalMs: readInteger(env, 'DEFENDER_SWEEP_INTERVAL_SECONDS', 60, { min: 1, max: 3600 }) * 1000,
    timing: readTiming(env),
    maxBodyBytes: 256 * 1024,
    rateLimits: readRateLimitSettings(env),
    watch: readWatchSettings(env, mode),
  };
}
