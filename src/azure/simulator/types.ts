/**
 * Shapes shared by the ARM simulator's parts: the seed a person writes, the faults it can inject,
 * and what it records about each request. The mutable in-memory model lives in state.ts.
 */
import type { ArmApiCollectionPosture } from '../models/apiCollection';

export type ExtensionFlag = 'True' | 'False';

export interface SeedExtension {
  name: string;
  isEnabled: ExtensionFlag;
  additionalExtensionProperties?: Record<string, unknown>;
}

export interface SeedPricing {
  /** Plan name as ARM spells it, e.g. "Api", "CloudPosture", "VirtualMachines" (matched case-insensitively). */
  name: string;
  pricingTier: 'Free' | 'Standard';
  subPlan?: string;
  /** ISO 8601 date-time; defaults to a fixed date when the tier is Standard. */
  enablementTime?: string;
  /** ISO 8601 duration, e.g. "P29D". */
  freeTrialRemainingTime?: string;
  /**
   * Exactly the extensions ARM returns for this plan. Omitted for CloudPosture: its full catalogue, all "False"
   * (so a seed can also model a plan whose list lacks ApiPosture altogether).
   */
  extensions?: SeedExtension[];
}

/** An API collection's read-only posture counts: the very fields the client reads (apiCollections.json, 2023-11-15). */
export type SeedApiPosture = ArmApiCollectionPosture;

/** Returned on the API collection once onboarded; counts not given are made up, stable per API. */
export interface SeedApi extends SeedApiPosture {
  name: string;
  displayName: string;
  /** URL suffix; defaults to the API name. */
  path?: string;
  isCurrent?: boolean;
  apiRevision?: string;
  /** Already onboarded to Defender for APIs as an API collection; default false. */
  onboarded?: boolean;
}

export interface SeedApiManagementService {
  resourceGroup: string;
  name: string;
  /** APIM SKU name: Developer, Basic, Standard, Premium, Consumption, BasicV2, StandardV2, ... */
  sku: string;
  capacity?: number;
  location?: string;
  apis?: SeedApi[];
}

export type SubscriptionStateName = 'Enabled' | 'Warned' | 'PastDue' | 'Disabled' | 'Deleted';

export interface SeedSubscription {
  subscriptionId: string;
  displayName: string;
  state?: SubscriptionStateName;
  tenantId?: string;
  /** Resource provider namespaces registered on the subscription; default ["Microsoft.Security"]. */
  registeredProviders?: string[];
  /** Whether the caller may write Microsoft.Security/pricings; default true. */
  canWritePricings?: boolean;
  /** Extension names whose enablement fails (200 with operationStatus Failed); default []. */
  failingExtensions?: string[];
  /** Pricings not listed here are Free. */
  pricings?: SeedPricing[];
  apiManagementServices?: SeedApiManagementService[];
  /** Whether the caller may read Microsoft.Security alerts; default true. `false`: alert reads give 403. */
  canReadAlerts?: boolean;
  /** Security alerts (alerts.json 2022-01-01); the simulator fills id, name, type and the location. */
  alerts?: SeedAlert[];
}

/**
 * A security alert, with the property names of the spec's `AlertProperties` (alertType, alertDisplayName, severity,
 * status, timeGeneratedUtc, compromisedEntity, description, remediationSteps, resourceIdentifiers, alertUri, ...).
 * Validated against that definition at load. Defaults: status Active, timeGeneratedUtc now, alertUri a portal link.
 */
export interface SeedAlert {
  alertType: string;
  alertDisplayName: string;
  severity: 'Informational' | 'Low' | 'Medium' | 'High';
  status?: 'Active' | 'InProgress' | 'Resolved' | 'Dismissed';
  timeGeneratedUtc?: string;
  /** The ASC location in the alert's id; a simulator extension (not an AlertProperties name). Default westeurope. */
  location?: string;
  /**
   * A simulator extension: the alert is raised this many seconds after the simulator starts (invisible until then,
   * and generated then unless timeGeneratedUtc says otherwise). The demo seed uses it so the watch has something
   * new to post a minute after start-up.
   */
  appearsAfterSeconds?: number;
  [property: string]: unknown;
}

export interface Faults {
  /** Added before every ARM response. */
  latencyMs: number;
  /** Fraction (0..1) of ARM requests answered 429. */
  throttleRate: number;
  /** Fraction (0..1) of ARM requests answered 503. */
  serverErrorRate: number;
  /** PRNG seed, so a run with the same seed and request order throttles the same requests. */
  seed: number;
  /** Value of Retry-After (rounded up to seconds) and retry-after-ms on a 429. */
  retryAfterMs: number;
  /** Resource Graph sees writes made through the ARM routes only this long after they happen (0 = at once). */
  graphLagMs: number;
  /** Resource Graph answers every query 503 ServiceUnavailable. */
  graphUnavailable: boolean;
  /** Resource Graph's per-user quota window: 15 queries per window, the 16th is answered 429 (default 5000 ms). */
  graphQuotaWindowMs: number;
  /** Subscriptions a tenant-scope Resource Graph query covers; beyond it the answer says `x-ms-tenant-subscription-limit-hit`. */
  graphTenantSubscriptionLimit: number;
  /** Resource Graph answers as to an identity without Reader: no rows (ARM still lists the subscriptions). */
  graphWithoutReader: boolean;
}

export interface SimulatorSeed {
  subscriptions: SeedSubscription[];
  faults?: Partial<Faults>;
}

/** A one-off (or count-limited) failure for a test: the next matching ARM request gets this answer. */
export interface FaultRule {
  /** HTTP method to match (any when unset). */
  method?: string;
  /** Case-insensitive substring of the request path (any when unset). */
  pathIncludes?: string;
  status: number;
  code?: string;
  message?: string;
  /** How many matching requests fail; default 1. */
  count?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, undefined when empty. */
  body?: unknown;
  status: number;
  /** ISO 8601 time the request arrived. */
  time: string;
  /** Set when an injected fault answered: "latency" is not listed, only "throttle", "server-error" or "rule". */
  fault?: 'throttle' | 'server-error' | 'rule';
}

/** A response the simulator produced that the official spec rejects: always a simulator bug. */
export interface SpecViolation {
  method: string;
  path: string;
  schema: string;
  message: string;
}
