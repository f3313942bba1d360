/**
 * Reading and checking a seed. A bad seed fails at load with the JSON path of the first bad field and what
 * was expected, because a simulator that starts with a half-understood seed makes every later test confusing.
 */
import fs from 'node:fs';
import { API_SUB_PLAN_NAMES, findPlan, knownPlanNames } from './pricingCatalog';
import { EXTENSION_NAMES_SEEN_IN_THE_FIELD } from './spec/knownExtensions';
import { validateFaults, DEFAULT_FAULTS } from './faults';
import { alertSeedProblem } from './seedAlerts';
import { SimulatorSeed } from './types';

export class SeedError extends Error {
  override readonly name = 'SeedError';
  readonly code = 'InvalidSimulatorSeed';
  constructor(readonly field: string, problem: string) {
    super(`InvalidSimulatorSeed: ${field} ${problem}. See src/azure/simulator/README.md for the seed format.`);
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SUBSCRIPTION_STATES = ['Enabled', 'Warned', 'PastDue', 'Disabled', 'Deleted'];
const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._()-]*$/;

export function loadSeedFile(filePath: string): SimulatorSeed {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new SeedError(filePath, `could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check DEFENDER_SIMULATOR_SEED`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SeedError(filePath, `is not valid JSON (${(error as Error).message})`);
  }
  return validateSeed(parsed);
}

/** Returns the seed typed, or throws a SeedError naming the first bad field. */
export function validateSeed(input: unknown): SimulatorSeed {
  const seed = expectObject(input, 'seed');
  const subscriptions = expectArray(seed.subscriptions, 'subscriptions');
  const seen = new Set<string>();
  subscriptions.forEach((raw, index) => {
    const at = `subscriptions[${index}]`;
    const subscription = expectObject(raw, at);
    const id = expectString(subscription.subscriptionId, `${at}.subscriptionId`);
    if (!GUID.test(id)) throw new SeedError(`${at}.subscriptionId`, `is "${id}"; expected a GUID`);
    if (seen.has(id.toLowerCase())) throw new SeedError(`${at}.subscriptionId`, `"${id}" appears twice; ids must be unique`);
    seen.add(id.toLowerCase());
    expectString(subscription.displayName, `${at}.displayName`);
    if (subscription.state !== undefined) expectOneOf(subscription.state, SUBSCRIPTION_STATES, `${at}.state`);
    if (subscription.tenantId !== undefined && !GUID.test(expectString(subscription.tenantId, `${at}.tenantId`))) {
      throw new SeedError(`${at}.tenantId`, 'is not a GUID');
    }
    optionalStringList(subscription.registeredProviders, `${at}.registeredProviders`);
    if (subscription.canWritePricings !== undefined && typeof subscription.canWritePricings !== 'boolean') {
      throw new SeedError(`${at}.canWritePricings`, 'must be true or false');
    }
    optionalStringList(subscription.failingExtensions, `${at}.failingExtensions`);
    optionalArray(subscription.pricings, `${at}.pricings`).forEach((pricing, pricingIndex) => validatePricing(pricing, `${at}.pricings[${pricingIndex}]`));
    optionalArray(subscription.apiManagementServices, `${at}.apiManagementServices`).forEach((service, serviceIndex) =>
      validateApiManagementService(service, `${at}.apiManagementServices[${serviceIndex}]`),
    );
    validateAlerts(subscription, at);
  });
  if (seed.faults !== undefined) {
    const faults = expectObject(seed.faults, 'faults');
    try {
      validateFaults({ ...DEFAULT_FAULTS, ...faults });
    } catch (error) {
      throw new SeedError('faults', (error as Error).message.replace(/^InvalidFaults: /, ''));
    }
  }
  return input as SimulatorSeed;
}

function validatePricing(raw: unknown, at: string): void {
  const pricing = expectObject(raw, at);
  const name = expectString(pricing.name, `${at}.name`);
  const plan = findPlan(name);
  if (!plan) throw new SeedError(`${at}.name`, `is "${name}"; expected one of ${knownPlanNames()}`);
  expectOneOf(pricing.pricingTier, ['Free', 'Standard'], `${at}.pricingTier`);
  if (pricing.subPlan !== undefined) {
    const subPlans = plan.subPlans ?? [];
    if (subPlans.length === 0) throw new SeedError(`${at}.subPlan`, `is set, but plan ${plan.name} has no subplans; remove it`);
    expectOneOf(pricing.subPlan, [...subPlans], `${at}.subPlan`);
  } else if (plan.name === 'Api' && pricing.pricingTier === 'Standard') {
    throw new SeedError(`${at}.subPlan`, `is required for Api at Standard; expected one of ${API_SUB_PLAN_NAMES.join(', ')}`);
  }
  for (const field of ['enablementTime', 'freeTrialRemainingTime'] as const) {
    if (pricing[field] !== undefined) expectString(pricing[field], `${at}.${field}`);
  }
  optionalArray(pricing.extensions, `${at}.extensions`).forEach((rawExtension, index) => {
    const where = `${at}.extensions[${index}]`;
    const extension = expectObject(rawExtension, where);
    expectOneOf(extension.name, knownExtensionNamesForSeeds(), `${where}.name`);
    expectOneOf(extension.isEnabled, ['True', 'False'], `${where}.isEnabled`);
    if (extension.additionalExtensionProperties !== undefined) expectObject(extension.additionalExtensionProperties, `${where}.additionalExtensionProperties`);
  });
}

function validateApiManagementService(raw: unknown, at: string): void {
  const service = expectObject(raw, at);
  for (const field of ['resourceGroup', 'name', 'sku'] as const) {
    const value = expectString(service[field], `${at}.${field}`);
    if (field !== 'sku' && !RESOURCE_NAME.test(value)) throw new SeedError(`${at}.${field}`, `"${value}" is not a valid Azure resource name`);
  }
  if (service.capacity !== undefined && !(Number.isInteger(service.capacity) && (service.capacity as number) >= 0)) {
    throw new SeedError(`${at}.capacity`, 'must be a whole number >= 0');
  }
  optionalArray(service.apis, `${at}.apis`).forEach((rawApi, index) => {
    const api = expectObject(rawApi, `${at}.apis[${index}]`);
    expectString(api.name, `${at}.apis[${index}].name`);
    expectString(api.displayName, `${at}.apis[${index}].displayName`);
    if (api.onboarded !== undefined && typeof api.onboarded !== 'boolean') throw new SeedError(`${at}.apis[${index}].onboarded`, 'must be true or false');
    validateApiPosture(api, `${at}.apis[${index}]`);
  });
}

const POSTURE_COUNTS = ['numberOfApiEndpoints', 'numberOfInactiveApiEndpoints', 'numberOfUnauthenticatedApiEndpoints', 'numberOfExternalApiEndpoints', 'numberOfApiEndpointsWithSensitiveDataExposed'];

function validateApiPosture(api: JsonObject, at: string): void {
  for (const count of POSTURE_COUNTS) {
    if (api[count] !== undefined && !(Number.isInteger(api[count]) && (api[count] as number) >= 0)) throw new SeedError(`${at}.${count}`, 'must be a whole number >= 0');
  }
  if (api.sensitivityLabel !== undefined) expectString(api.sensitivityLabel, `${at}.sensitivityLabel`);
}

function validateAlerts(subscription: JsonObject, at: string): void {
  if (subscription.canReadAlerts !== undefined && typeof subscription.canReadAlerts !== 'boolean') throw new SeedError(`${at}.canReadAlerts`, 'must be true or false');
  optionalArray(subscription.alerts, `${at}.alerts`).forEach((alert, index) => {
    const problem = alertSeedProblem(alert, `${at}.alerts[${index}]`);
    if (problem) throw new SeedError(problem.field, problem.problem);
  });
}

function knownExtensionNamesForSeeds(): string[] {
  return [...EXTENSION_NAMES_SEEN_IN_THE_FIELD, 'OnUploadMalwareScanning', 'MdeDesignatedSubscription', 'FileIntegrityMonitoring', 'ContainerSensor', 'AIPromptEvidence'];
}

type JsonObject = Record<string, unknown>;

function expectObject(value: unknown, at: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedError(at, `must be a JSON object, got ${describe(value)}`);
  return value as JsonObject;
}

function expectArray(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new SeedError(at, `must be an array, got ${describe(value)}`);
  return value;
}

function optionalArray(value: unknown, at: string): unknown[] {
  return value === undefined ? [] : expectArray(value, at);
}

function optionalStringList(value: unknown, at: string): void {
  optionalArray(value, at).forEach((item, index) => expectString(item, `${at}[${index}]`));
}

function expectString(value: unknown, at: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new SeedError(at, `must be a non-empty string, got ${describe(value)}`);
  return value;
}

function expectOneOf(value: unknown, allowed: string[], at: string): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new SeedError(at, `is ${describe(value)}; expected one of ${allowed.map((item) => `"${item}"`).join(', ')}`);
  }
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
