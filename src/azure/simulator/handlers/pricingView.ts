/** A stored pricing as ARM returns it (pricings.json 2024-01-01, `Pricing`). */
import { findPlan } from '../pricingCatalog';
import type { PricingRecord } from '../state';

export interface ExtensionView {
  name: string;
  isEnabled: 'True' | 'False';
  additionalExtensionProperties?: Record<string, unknown>;
  operationStatus?: { code: 'Succeeded' | 'Failed'; message: string };
}

/** `extensions` overrides the stored list, for a PUT response that reports per-extension operation status. */
export function pricingView(subscriptionId: string, record: PricingRecord, extensions?: ExtensionView[]) {
  const plan = findPlan(record.name);
  const standard = record.pricingTier === 'Standard';
  const listed = extensions ?? record.extensions.map((extension) => ({ ...extension }));
  return {
    id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings/${record.name}`,
    name: record.name,
    type: 'Microsoft.Security/pricings',
    properties: {
      pricingTier: record.pricingTier,
      ...(record.subPlan ? { subPlan: record.subPlan } : {}),
      freeTrialRemainingTime: record.freeTrialRemainingTime ?? 'PT0S',
      ...(standard && record.enablementTime ? { enablementTime: record.enablementTime } : {}),
      enforce: 'False',
      resourcesCoverageStatus: standard ? 'FullyCovered' : 'NotCovered',
      ...(listed.length > 0 ? { extensions: listed } : {}),
      ...(plan?.replacedBy ? { deprecated: true, replacedBy: [...plan.replacedBy] } : {}),
    },
  };
}
