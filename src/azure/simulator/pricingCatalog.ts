/**
 * The Defender plans the simulator knows, with the subplans and extensions ARM accepts for each.
 * A subscription lists all of them; a plan the seed does not mention is Free.
 */
import { CLOUD_POSTURE_EXTENSIONS } from './spec/knownExtensions';

export interface PlanDefinition {
  /** Canonical spelling; paths match it case-insensitively. */
  name: string;
  subPlans?: readonly string[];
  /** Applied when a Standard PUT omits subPlan; unset with `subPlans` means subPlan is required (Api). */
  defaultSubPlan?: string;
  /** Extensions the plan lists even when none is enabled. */
  extensionCatalogue?: readonly string[];
  replacedBy?: readonly string[];
}

export const API_SUB_PLAN_NAMES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;

export const PLAN_CATALOG: readonly PlanDefinition[] = [
  { name: 'VirtualMachines', subPlans: ['P1', 'P2'], defaultSubPlan: 'P2' },
  { name: 'SqlServers' },
  { name: 'AppServices' },
  { name: 'StorageAccounts', subPlans: ['DefenderForStorageV2', 'PerTransaction'], defaultSubPlan: 'DefenderForStorageV2' },
  { name: 'SqlServerVirtualMachines' },
  { name: 'KeyVaults', subPlans: ['PerKeyVault', 'PerTransaction'], defaultSubPlan: 'PerKeyVault' },
  { name: 'Dns', replacedBy: ['VirtualMachines'] },
  { name: 'Arm', subPlans: ['PerSubscription', 'PerApiCall'], defaultSubPlan: 'PerSubscription' },
  { name: 'OpenSourceRelationalDatabases' },
  { name: 'CosmosDbs' },
  { name: 'Containers' },
  { name: 'CloudPosture', extensionCatalogue: CLOUD_POSTURE_EXTENSIONS },
  { name: 'Api', subPlans: API_SUB_PLAN_NAMES },
];

export function findPlan(name: string): PlanDefinition | undefined {
  const wanted = name.toLowerCase();
  return PLAN_CATALOG.find((plan) => plan.name.toLowerCase() === wanted);
}

export function knownPlanNames(): string {
  return PLAN_CATALOG.map((plan) => plan.name).join(', ');
}
