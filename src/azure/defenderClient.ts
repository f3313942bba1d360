/**
 * The DefenderGateway over Azure Resource Manager.
 * All HTTP goes through the SDK pipeline in ArmTransport; this class only decides which calls to make, and when.
 * Fleet-wide reads (the subscription list, `list`, `enable all` planning) come from Azure Resource Graph through
 * FleetReads; one subscription's status and every read that decides a write stay on direct ARM reads.
 */
import type { TokenCredential } from '@azure/identity';
import type { DefenderSettings, Subscription, SubscriptionResolution, SubscriptionStatus } from '../core/defender';
import { isDefenderError } from '../core/errors';
import type { ApiManagementInventory, ApiManagementServiceRef, FleetApiAlerts, FleetView, ServiceApis } from '../core/fleet';
import type { TargetOutcome } from '../core/outcome';
import type { TargetPlan } from '../core/plan';
import { systemClock, type Clock, type DefenderGateway, type ListApiAlertsOptions, type ListFleetOptions, type OperationOptions } from '../core/ports';
import { API_ALERT_WINDOW_IN_MS, type AlertRef, type ApiAlert, type ApiPosture, type SettableAlertStatus, type SubscriptionApiAlerts } from '../core/monitoring';
import { ArmTransport, type ArmRetryOptions } from './armTransport';
import { allSettledOrThrow, mapWithConcurrency } from './boundedConcurrency';
import { KeyedMutex } from '../core/keyedMutex';
import { PricingWriter } from './pricingWriter';
import { ApiOnboarder, type ApiOnboarderOptions } from './apiOnboarder';
import { readApiManagementServices, readCanWritePricings, readDefenderSettings, readSecurityProviderRegistered } from './settingsReader';
import { SubscriptionDirectory } from './subscriptionDirectory';
import { StatusContextCache, type StatusContext } from './statusContextCache';
import { SUBSCRIPTIONS_API_VERSION, toSubscription, type ArmSubscription } from './models/subscription';
import { FleetReads } from './fleetReads';
import { listSubscriptionsFromArm } from './armFleetReads';
import { RecentOwnWrites } from './recentOwnWrites';
import { ResourceGraphClient } from './resourceGraph/resourceGraphClient';
import { readApiAlerts, writeAlertStatus } from './alertsReader';
import { joinApiPosture, readApiCollections } from './apiPostureReader';
import { readServiceApis } from './apiManagementApis';

export const DEFAULT_FLEET_CONCURRENCY = 16;

export interface DefenderClientOptions {
  credential: TokenCredential;
  /** ARM endpoint; default https://management.azure.com. The simulator's `url` in demo mode and tests. */
  endpoint?: string;
  /** PEM CA trusted by this client's pipeline only (the simulator's self-signed CA). Never set against real ARM. */
  caCertificate?: string;
  /** Subscriptions read at once by apply, and by listFleet when it reads one by one (without Resource Graph); default 16. */
  fleetConcurrency?: number;
  clock?: Clock;
  /** Age after which the subscription list is refreshed in the background; default 60 000 ms. */
  subscriptionCacheTtlInMs?: number;
  /** How long the bot's own writes are laid over Resource Graph's (lagging) rows; default 5 minutes. */
  ownWriteMemoryInMs?: number;
  /** A background refresh (the subscription list) failed; the old data stays in use. Default: ignored. */
  onBackgroundError?: (error: unknown, task: string) => void;
  /** How long a status reuses API Management inventory, provider registration and rights; default 30 000 ms. */
  statusContextCacheTtlInMs?: number;
  /** Default "defender-chatops/0.1"; the SDK appends its own agent string. */
  userAgentPrefix?: string;
  /** The SDK's retry settings (tests shorten the delays); defaults are the SDK's. */
  retryOptions?: ArmRetryOptions;
  /** Total time one ARM call may take, retries included; default DEFAULT_CALL_TIMEOUT_IN_MS. */
  callTimeoutInMs?: number;
  /** Object id of the bot's identity, named in role-assignment hints when ARM's message does not name it. */
  identityObjectId?: string;
  /** Polling of API onboarding (a long-running operation); defaults suit real ARM. */
  onboarding?: ApiOnboarderOptions;
}

export class DefenderClient implements DefenderGateway {
  private readonly transport: ArmTransport;
  private readonly directory: SubscriptionDirectory;
  private readonly fleet: FleetReads;
  private readonly ownWrites: RecentOwnWrites;
  private readonly writer: PricingWriter;
  private readonly onboarder: ApiOnboarder;
  private readonly fleetConcurrency: number;
  private readonly statusContext: StatusContextCache;
  private readonly clock: Clock;

  constructor(options: DefenderClientOptions) {
    const clock = (this.clock = options.clock ?? systemClock);
    this.ownWrites = new RecentOwnWrites(clock, options.ownWriteMemoryInMs);
    this.transport = new ArmTransport({ ...options, now: () => clock.now(), onSuccess: (call, response) => this.ownWrites.observe(call, response) });
    this.fleetConcurrency = options.fleetConcurrency ?? DEFAULT_FLEET_CONCURRENCY;
    const graph = new ResourceGraphClient(this.transport, {
      clock,
      listSubscriptionIdsFromArm: async (callOptions) => (await listSubscriptionsFromArm(this.transport, callOptions)).map((subscription) => subscription.subscriptionId),
    });
    this.fleet = new FleetReads({ graph, transport: this.transport, clock, fleetConcurrency: this.fleetConcurrency, listSubscriptions: (callOptions) => this.directory.list(callOptions) });
    this.directory = new SubscriptionDirectory({
      load: async (callOptions) => (await this.fleet.listSubscriptions(callOptions)).subscriptions,
      getOne: (subscriptionId, callOptions) => this.readSubscription(subscriptionId, callOptions),
      search: (query, callOptions) => this.fleet.searchSubscriptions(query, callOptions),
      clock,
      ttlInMs: options.subscriptionCacheTtlInMs,
      onBackgroundError: (error) => options.onBackgroundError?.(error, 'refresh the subscription list'),
    });
    this.writer = new PricingWriter(this.transport, new KeyedMutex());
    this.onboarder = new ApiOnboarder(this.transport, options.onboarding);
    this.statusContext = new StatusContextCache(clock, options.statusContextCacheTtlInMs);
  }

  listSubscriptions(options?: OperationOptions): Promise<Subscription[]> {
    return this.directory.list(options);
  }

  /** Loads the subscription directory, so the first command resolves its subscription without reading the tenant. */
  warmUp(options?: OperationOptions): Promise<void> {
    return this.directory.warmUp(options);
  }

  resolveSubscription(query: string, options?: OperationOptions): Promise<SubscriptionResolution> {
    return this.directory.resolve(query, options);
  }

  readSettings(subscriptionId: string, options?: OperationOptions): Promise<DefenderSettings> {
    return readDefenderSettings(this.transport, subscriptionId, options);
  }

  async getStatus(subscriptionId: string, options: OperationOptions = {}): Promise<SubscriptionStatus> {
    const [subscription, settings, context] = await allSettledOrThrow([
      this.directory.get(subscriptionId, options),
      this.readSettingsOrFreeIfUnregistered(subscriptionId, options),
      this.statusContext.get(subscriptionId, () => this.readStatusContext(subscriptionId, options)),
    ]);
    return { subscription, settings, ...context };
  }

  private async readStatusContext(subscriptionId: string, options: OperationOptions): Promise<StatusContext> {
    const [apiManagementServices, securityProviderRegistered, canWritePricings] = await allSettledOrThrow([
      readApiManagementServices(this.transport, subscriptionId, { ...options, withOnboarding: true }),
      readSecurityProviderRegistered(this.transport, subscriptionId, options),
      readCanWritePricings(this.transport, subscriptionId, options),
    ]);
    return { apiManagementServices, securityProviderRegistered, canWritePricings };
  }

  /** Unregistered for Microsoft.Security means no plan is on; status shows that, with registration false. */
  private async readSettingsOrFreeIfUnregistered(subscriptionId: string, options: OperationOptions): Promise<DefenderSettings> {
    try {
      return await readDefenderSettings(this.transport, subscriptionId, options);
    } catch (error) {
      if (!isDefenderError(error) || error.code !== 'MissingSubscriptionRegistration') throw error;
      return { subscriptionId, api: { pricingTier: 'Free' }, cspm: { pricingTier: 'Free', extensions: [] } };
    }
  }

  /** Resource Graph's rows with the bot's own recent writes laid over them; per-subscription ARM reads when Graph is unusable. */
  async listFleet(options: ListFleetOptions = {}): Promise<FleetView> {
    const view = await this.fleet.readFleet(options);
    if (view.source !== 'resource-graph') return view;
    this.directory.prime(view.rows.map((row) => row.subscription));
    return { ...view, rows: this.ownWrites.overlay(view.rows) };
  }

  listApiManagementInventory(options: ListFleetOptions = {}): Promise<ApiManagementInventory> {
    return this.fleet.readApiManagementInventory(options);
  }

  listApiAlerts(subscriptionId: string, options: ListApiAlertsOptions = {}): Promise<ApiAlert[]> {
    const since = options.since ?? new Date(this.clock.now().getTime() - API_ALERT_WINDOW_IN_MS);
    return readApiAlerts(this.transport, subscriptionId, { since, abortSignal: options.abortSignal });
  }

  /** Every visible subscription's API alerts, `concurrency` at a time; a DefenderError becomes that row's `error`. */
  async listFleetApiAlerts(options: ListApiAlertsOptions & ListFleetOptions = {}): Promise<SubscriptionApiAlerts[]> {
    // One window for every subscription, so "the last 7 days" means the same thing on each row.
    const since = options.since ?? new Date(this.clock.now().getTime() - API_ALERT_WINDOW_IN_MS);
    const subscriptions = await this.directory.list(options);
    return mapWithConcurrency(subscriptions, options.concurrency ?? this.fleetConcurrency, async (subscription): Promise<SubscriptionApiAlerts> => {
      try {
        return { subscription, alerts: await this.listApiAlerts(subscription.subscriptionId, { ...options, since }) };
      } catch (error) {
        if (!isDefenderError(error)) throw error;
        return { subscription, error: { code: error.code, message: error.message } };
      }
    });
  }

  listFleetOpenApiAlerts(options: ListApiAlertsOptions & ListFleetOptions = {}): Promise<FleetApiAlerts> {
    const since = options.since ?? new Date(this.clock.now().getTime() - API_ALERT_WINDOW_IN_MS);
    return this.fleet.readOpenApiAlerts({ ...options, since });
  }

  listApiManagementApis(services: readonly ApiManagementServiceRef[], options: ListFleetOptions = {}): Promise<ServiceApis[]> {
    return readServiceApis(this.transport, services, options.concurrency ?? this.fleetConcurrency, options);
  }

  setAlertStatus(subscriptionId: string, alert: AlertRef, status: SettableAlertStatus, options?: OperationOptions): Promise<void> {
    return writeAlertStatus(this.transport, subscriptionId, alert, status, options);
  }

  async getApiPosture(subscriptionId: string, options: OperationOptions = {}): Promise<ApiPosture> {
    const [subscription, settings, services, collections] = await allSettledOrThrow([
      this.directory.get(subscriptionId, options),
      readDefenderSettings(this.transport, subscriptionId, options),
      readApiManagementServices(this.transport, subscriptionId, options),
      readApiCollections(this.transport, subscriptionId, options),
    ]);
    return { subscription, settings, ...joinApiPosture(services, collections) };
  }

  applyTarget(target: TargetPlan, current: DefenderSettings, options?: OperationOptions): Promise<TargetOutcome> {
    this.statusContext.invalidate(target.subscriptionId);
    if (target.kind === 'onboard') return this.onboarder.applyTarget(target, options).finally(() => this.statusContext.invalidate(target.subscriptionId));
    return this.writer.applyTarget(target, current, options);
  }

  private async readSubscription(subscriptionId: string, options: OperationOptions): Promise<Subscription> {
    const wire = await this.transport.send<ArmSubscription>({
      method: 'GET',
      path: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
      query: { 'api-version': SUBSCRIPTIONS_API_VERSION },
      purpose: 'read the subscription',
      subscriptionId,
      abortSignal: options.abortSignal,
    });
    return toSubscription(wire);
  }

  /** One uncached subscriptions call: proves the endpoint, TLS trust and token all work. */
  async ping(options: OperationOptions = {}): Promise<void> {
    await this.transport.send({ method: 'GET', path: '/subscriptions', query: { 'api-version': SUBSCRIPTIONS_API_VERSION }, purpose: 'answer a readiness check', abortSignal: options.abortSignal });
  }
}
