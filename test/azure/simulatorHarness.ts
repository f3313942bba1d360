/**
 * Starts the real HTTPS ARM simulator on a free port and a DefenderClient that trusts its CA through the client's
 * own pipeline only. Retry delays are shortened so resilience tests stay fast; everything else is production code.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { DefenderClient, type DefenderClientOptions } from '../../src/azure/defenderClient';
import { executeTarget } from '../../src/core/approval/execution';
import type { TargetOutcome } from '../../src/core/outcome';
import { planTarget, type EnableTarget, type PlanOptions, type TargetPlan } from '../../src/core/plan';
import { SimulatorCredential } from '../../src/azure/credentials';
import { startArmSimulator, type ArmSimulator, type SimulatorSeed, type StartArmSimulatorOptions } from '../../src/azure/simulator';

export const SUB_PROD = 'aaaaaaaa-0000-4000-8000-000000000001';
export const SUB_PROD_EU = 'aaaaaaaa-0000-4000-8000-000000000002';
export const SUB_FLAKY = 'aaaaaaaa-0000-4000-8000-000000000003';
export const SUB_READONLY = 'aaaaaaaa-0000-4000-8000-000000000004';
export const SUB_UNREGISTERED = 'aaaaaaaa-0000-4000-8000-000000000005';

/** Extensions a customer set up by hand; a write must leave them exactly as they are. */
export const CUSTOMISED_EXTENSIONS = [
  { name: 'SensitiveDataDiscovery', isEnabled: 'True' as const, additionalExtensionProperties: { CustomDataClassifications: ['cc', 'ssn'] } },
  { name: 'AgentlessVmScanning', isEnabled: 'True' as const, additionalExtensionProperties: { ExclusionTags: '[{"Key":"env","Value":"lab"}]' } },
  { name: 'ContainerRegistriesVulnerabilityAssessments', isEnabled: 'False' as const },
  { name: 'ApiPosture', isEnabled: 'False' as const },
];

export function testSeed(): SimulatorSeed {
  return {
    subscriptions: [
      {
        subscriptionId: SUB_PROD,
        displayName: 'Contoso Production',
        pricings: [{ name: 'CloudPosture', pricingTier: 'Standard', extensions: structuredClone(CUSTOMISED_EXTENSIONS) }],
        apiManagementServices: [
          { resourceGroup: 'rg-apis', name: 'contoso-apim', sku: 'Developer', apis: [{ name: 'orders', displayName: 'Orders API' }] },
          { resourceGroup: 'rg-edge', name: 'contoso-consumption', sku: 'Consumption' },
        ],
      },
      { subscriptionId: SUB_PROD_EU, displayName: 'Contoso Production EU' },
      { subscriptionId: SUB_FLAKY, displayName: 'Fabrikam Dev', failingExtensions: ['ApiPosture'] },
      { subscriptionId: SUB_READONLY, displayName: 'Northwind Readonly', canWritePricings: false },
      { subscriptionId: SUB_UNREGISTERED, displayName: 'Unregistered Lab', registeredProviders: [] },
    ],
  };
}

export interface Harness {
  simulator: ArmSimulator;
  client: DefenderClient;
  close(): Promise<void>;
}

/** What the bot plans for `enable` on one subscription, from ARM's state now. */
export async function planEnable(client: DefenderClient, subscriptionId: string, options: PlanOptions = {}): Promise<EnableTarget> {
  return planTarget({ subscriptionId, displayName: subscriptionId }, await client.readSettings(subscriptionId), options);
}

/** Applies a target the way an approved request's executor does: re-read, refuse if stale, write, read back. */
export function applyAsExecutor(client: DefenderClient, target: TargetPlan): Promise<TargetOutcome> {
  return executeTarget(client, target);
}

export async function startHarness(seed: SimulatorSeed = testSeed(), options: Partial<DefenderClientOptions> = {}, simulatorOptions: Pick<StartArmSimulatorOptions, 'clock'> = {}): Promise<Harness> {
  const simulator = await startArmSimulator({ port: 0, seed, ...simulatorOptions });
  const client = new DefenderClient({
    credential: new SimulatorCredential(),
    endpoint: simulator.url,
    caCertificate: simulator.caCertificate,
    retryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 200 },
    ...options,
  });
  return { simulator, client, close: () => simulator.close() };
}

/** Every ARM answer the simulator gave with status 400: each one would mean we sent something the spec rejects. */
export function badRequests(simulator: ArmSimulator) {
  return simulator.requests().filter((request) => request.status === 400);
}

export interface RequestsInFlight {
  /** The most matching requests this process had in flight at once. */
  readonly peak: number;
  /** The same, counted per request path (without the query). */
  peakPerPath(): Map<string, number>;
  stop(): void;
}

/**
 * Counts this process's outgoing HTTP requests whose path matches, from creation until their response has been read,
 * through Node's diagnostics channels: the client's own concurrency, counted directly rather than guessed from arrivals.
 */
export function trackRequestsInFlight(matches: (path: string) => boolean): RequestsInFlight {
  const live = new Set<ClientRequest>();
  const perPath = new Map<string, number>();
  const peaks = new Map<string, number>();
  let peak = 0;
  const pathOf = (request: ClientRequest) => request.path.split('?')[0];
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    const path = pathOf(request);
    if (!matches(path)) return;
    live.add(request);
    perPath.set(path, (perPath.get(path) ?? 0) + 1);
    peak = Math.max(peak, live.size);
    peaks.set(path, Math.max(peaks.get(path) ?? 0, perPath.get(path) ?? 0));
  };
  const onEnd = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (!live.delete(request)) return;
    perPath.set(pathOf(request), (perPath.get(pathOf(request)) ?? 1) - 1);
  };
  const channels = [
    ['http.client.request.start', onStart],
    ['http.client.response.finish', onEnd],
    ['http.client.request.error', onEnd],
  ] as const;
  for (const [name, listener] of channels) diagnosticsChannel.subscribe(name, listener);
  return {
    get peak() {
      return peak;
    },
    peakPerPath: () => new Map(peaks),
    stop: () => {
      for (const [name, listener] of channels) diagnosticsChannel.unsubscribe(name, listener);
    },
  };
}

/** Resource Graph refuses the bot's identity (403), as when it lacks Reader where Graph would look. */
export function forbidResourceGraph(simulator: ArmSimulator, count = 1000): void {
  simulator.failNext({ method: 'POST', pathIncludes: '/providers/Microsoft.ResourceGraph/resources', status: 403, code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action Microsoft.ResourceGraph/resources/read.', count });
}

/** The Resource Graph queries the simulator answered. */
export function graphQueries(simulator: ArmSimulator) {
  return simulator.requests().filter((request) => request.method === 'POST' && /\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(request.path));
}
