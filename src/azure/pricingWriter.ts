/**
 * Applies one target's plan: at most two PUTs (Api, CloudPosture) concurrently, each under a keyed lock, then ONE
 * read-back that decides, setting by setting, whether the change really took.
 */
import { DEFAULT_API_SUB_PLAN, type ApiSubPlan, type DefenderSettings } from '../core/defender';
import { isDefenderError } from '../core/errors';
import { summariseSettings, type SettingOutcome, type TargetOutcome } from '../core/outcome';
import { mergeExtensionsWithApiPosture, type PricingSettingKey, type PricingTarget } from '../core/plan';
import { restoreExtensionsToWrite } from '../core/desiredState';
import type { OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import type { KeyedMutex } from '../core/keyedMutex';
import {
  API_PRICING,
  CLOUD_POSTURE_PRICING,
  PRICINGS_API_VERSION,
  apiPricingUpdate,
  cloudPosturePricingUpdate,
  toCspmPlanState,
  type ArmPricing,
  type ArmPricingUpdate,
  type ManagedPricingName,
} from './models/pricing';
import { readDefenderSettings } from './settingsReader';
import { judgeSetting } from './settingVerdicts';

/** Which pricing carries each setting: cspmPlan, apiPosture and the other extensions travel in one CloudPosture PUT. */
export const PRICING_OF_SETTING: Record<PricingSettingKey, ManagedPricingName> = {
  defenderForApis: API_PRICING,
  cspmPlan: CLOUD_POSTURE_PRICING,
  apiPosture: CLOUD_POSTURE_PRICING,
  cspmExtension: CLOUD_POSTURE_PRICING,
};

type CallError = { code: string; message: string };

function asCallError(error: unknown): CallError {
  if (isDefenderError(error)) return { code: error.code, message: error.message };
  throw error; // Aborts and programming errors are not a setting's outcome.
}

/**
 * An enable turns on (Api Standard + subplan; CloudPosture Standard with ApiPosture on). A restore writes exactly the
 * desired tier and subplan, and the current extension list with only the extensions on the card changed.
 */
function bodyFor(pricing: ManagedPricingName, target: PricingTarget, current: DefenderSettings): ArmPricingUpdate {
  if (target.kind === 'enable') {
    return pricing === API_PRICING ? apiPricingUpdate(target.apiSubPlan) : cloudPosturePricingUpdate(mergeExtensionsWithApiPosture(current.cspm.extensions));
  }
  const { desired } = target;
  if (pricing === API_PRICING) return desired.api.pricingTier === 'Free' ? { properties: { pricingTier: 'Free' } } : apiPricingUpdate((desired.api.subPlan ?? DEFAULT_API_SUB_PLAN) as ApiSubPlan);
  // Free switches every extension off in ARM; sending the list would only be ignored.
  if (desired.cspm.pricingTier === 'Free') return { properties: { pricingTier: 'Free' } };
  return cloudPosturePricingUpdate(restoreExtensionsToWrite(current.cspm.extensions, target));
}

export class PricingWriter {
  constructor(
    private readonly transport: ArmTransport,
    private readonly lock: KeyedMutex,
  ) {}

  async applyTarget(target: PricingTarget, current: DefenderSettings, options: OperationOptions = {}): Promise<TargetOutcome> {
    const { subscriptionId } = target;
    if (target.changes.length === 0) return { subscriptionId, status: 'succeeded', settings: [] };

    const pricings = [...new Set(target.changes.map((change) => PRICING_OF_SETTING[change.setting]))];
    const putErrors = new Map<ManagedPricingName, CallError>();
    const putAnswers = new Map<ManagedPricingName, ArmPricing>();
    await Promise.all(
      pricings.map(async (pricing) => {
        try {
          putAnswers.set(pricing, await this.put(subscriptionId, pricing, bodyFor(pricing, target, current), options, target.kind === 'restore' ? 'restore' : 'turn on'));
        } catch (error) {
          putErrors.set(pricing, asCallError(error));
        }
      }),
    );

    let readBack: DefenderSettings | undefined;
    let readBackError: CallError | undefined;
    if (putErrors.size < pricings.length) {
      try {
        readBack = await readDefenderSettings(this.transport, subscriptionId, options);
      } catch (error) {
        readBackError = asCallError(error);
      }
    }

    const settings: SettingOutcome[] = target.changes.map((change): SettingOutcome => {
      const { setting } = change;
      const subject = change.subject ? { subject: change.subject } : {};
      const putError = putErrors.get(PRICING_OF_SETTING[setting]);
      if (putError) return { setting, ...subject, status: 'failed', error: putError };
      if (!readBack) {
        const why = readBackError ?? { code: 'ArmError', message: 'no read-back' };
        return { setting, ...subject, status: 'failed', error: { code: why.code, message: `ARM accepted the change but reading it back failed, so it is unconfirmed: ${why.message}` } };
      }
      const cloudPostureAnswer = putAnswers.get(CLOUD_POSTURE_PRICING);
      return { ...judgeSetting(change, target, readBack, cloudPostureAnswer && toCspmPlanState(cloudPostureAnswer)), ...subject };
    });
    return { subscriptionId, status: summariseSettings(settings), settings };
  }

  private put(subscriptionId: string, pricing: ManagedPricingName, body: ArmPricingUpdate, options: OperationOptions, verb: string): Promise<ArmPricing> {
    // Never two PUTs in flight for one (subscription, pricing): the second would be merged from a stale list.
    return this.lock.run(`${subscriptionId.toLowerCase()}/${pricing}`, () =>
      this.transport.send<ArmPricing>({
        method: 'PUT',
        path: `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Security/pricings/${pricing}`,
        query: { 'api-version': PRICINGS_API_VERSION },
        body,
        purpose: `${verb} the ${pricing} pricing`,
        subscriptionId,
        abortSignal: options.abortSignal,
      }),
    );
  }
}
