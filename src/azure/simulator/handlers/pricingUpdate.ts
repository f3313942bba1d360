/**
 * PUT semantics, deliberately the worst case a client can meet on ARM: the body replaces the plan.
 * - An extension omitted from the body is disabled (it stays listed as "False") and loses its properties.
 * - An extension sent without additionalExtensionProperties loses them.
 * - Free clears subPlan and enablementTime, and disables every extension.
 * - An extension named in the subscription's failingExtensions comes back in the 200 as requested ("True") with
 *   operationStatus Failed, like Microsoft's partial-success example, but stays disabled in the stored state.
 */
import { invalidRequest } from '../armErrors';
import type { PlanDefinition } from '../pricingCatalog';
import type { PricingRecord, SubscriptionRecord } from '../state';
import type { ExtensionView } from './pricingView';

export interface PricingUpdateBody {
  properties: {
    pricingTier: 'Free' | 'Standard';
    subPlan?: string;
    extensions?: Array<{ name: string; isEnabled: 'True' | 'False'; additionalExtensionProperties?: Record<string, unknown> }>;
  };
}

/** Trial granted when a plan goes from Free to Standard for the first time. */
export const FREE_TRIAL_ON_FIRST_ENABLEMENT = 'P30D';

export function applyPricingUpdate(
  subscription: SubscriptionRecord,
  plan: PlanDefinition,
  current: PricingRecord,
  body: PricingUpdateBody,
  now: Date,
): { record: PricingRecord; responseExtensions: ExtensionView[] } {
  const requested = body.properties;
  const standard = requested.pricingTier === 'Standard';
  const requestedExtensions = requested.extensions ?? [];
  requestedExtensions.forEach((extension, index) => {
    if (requestedExtensions.findIndex((other) => other.name === extension.name) !== index) {
      throw invalidRequest(`properties.extensions[${index}].name`, `"${extension.name}" appears more than once`);
    }
  });

  const names = [...current.extensions.map((extension) => extension.name)];
  for (const extension of requestedExtensions) if (!names.includes(extension.name)) names.push(extension.name);

  const stored: PricingRecord['extensions'] = [];
  const response: ExtensionView[] = [];
  for (const name of names) {
    const ask = requestedExtensions.find((extension) => extension.name === name);
    const props = ask?.additionalExtensionProperties ? { additionalExtensionProperties: { ...ask.additionalExtensionProperties } } : {};
    const wantsOn = standard && ask?.isEnabled === 'True';
    const alreadyOn = current.extensions.some((extension) => extension.name === name && extension.isEnabled === 'True');
    const fails = wantsOn && !alreadyOn && subscription.failingExtensions.includes(name);
    stored.push({ name, isEnabled: wantsOn && !fails ? 'True' : 'False', ...props });
    if (!wantsOn) response.push({ name, isEnabled: 'False', ...props });
    else if (fails) response.push({ name, isEnabled: 'True', ...props, operationStatus: { code: 'Failed', message: failureMessage(name, subscription) } });
    else response.push({ name, isEnabled: 'True', ...props, operationStatus: { code: 'Succeeded', message: 'Successfully enabled extension' } });
  }

  const wasStandard = current.pricingTier === 'Standard';
  const record: PricingRecord = {
    name: current.name,
    pricingTier: requested.pricingTier,
    subPlan: standard ? resolveSubPlan(plan, requested.subPlan) : undefined,
    enablementTime: standard ? (wasStandard ? current.enablementTime : now.toISOString()) : undefined,
    freeTrialRemainingTime: standard && !wasStandard ? (current.freeTrialRemainingTime ?? FREE_TRIAL_ON_FIRST_ENABLEMENT) : current.freeTrialRemainingTime,
    extensions: stored,
  };
  return { record, responseExtensions: response };
}

function resolveSubPlan(plan: PlanDefinition, subPlan: string | undefined): string | undefined {
  const allowed = plan.subPlans ?? [];
  if (subPlan === undefined) {
    if (allowed.length > 0 && !plan.defaultSubPlan) {
      throw invalidRequest('properties.subPlan', `is required for plan ${plan.name} at pricingTier Standard; expected one of ${allowed.join(', ')}`);
    }
    return plan.defaultSubPlan;
  }
  if (!allowed.includes(subPlan)) {
    const expected = allowed.length > 0 ? `expected one of ${allowed.join(', ')}` : `plan ${plan.name} has no subplans; omit it`;
    throw invalidRequest('properties.subPlan', `"${subPlan}" is not valid for plan ${plan.name}; ${expected}`);
  }
  return subPlan;
}

function failureMessage(extension: string, subscription: SubscriptionRecord): string {
  return `Failed to enable extension '${extension}' on subscription '${subscription.subscriptionId}': the Defender for Cloud service principal could not be assigned its role (simulated through failingExtensions).`;
}
