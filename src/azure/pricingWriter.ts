/**
 * Applies one target's plan: at most two PUTs (Api, CloudPosture) concurrently, each under a keyed lock, then ONE
 * read-back that decides, setting by setting, whether the change really took.
 */
import type { DefenderSettings } from '../core/defender';
import { isDefenderError } from '../core/errors';
import { summariseSettings, type SettingOutcome, type TargetOutcome } from '../core/outcome';
import { mergeExtensionsWithApiPosture, type SettingKey, type TargetPlan } from '../core/plan';
import type { OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import type { KeyedLock } from './keyedLock';
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

/** Which pricing carries each setting: cspmPlan and apiPosture travel in the same CloudPosture PUT. */
export const PRICING_OF_SETTING: Record<SettingKey, ManagedPricingName> = {
  defenderForApis: API_PRICING,
  cspmPlan: CLOUD_POSTURE_PRICING,
  apiPosture: CLOUD_POSTURE_PRICING,
};

type CallError = { code: string; message: string };

function asCallError(error: unknown): CallError {
  if (isDefenderError(error)) return { code: error.code, message: error.message };
  throw error; // Aborts and programming errors are not a setting's outcome.
}

function bodyFor(pricing: ManagedPricingName, target: TargetPlan, current: DefenderSettings): ArmPricingUpdate {
  return pricing === API_PRICING ? apiPricingUpdate(target.apiSubPlan) : cloudPosturePricingUpdate(mergeExtensionsWithApiPosture(current.cspm.extensions));
}

export class PricingWriter {
  constructor(
    private readonly transport: ArmTransport,
    private readonly lock: KeyedLock,
  ) {}

  async applyTarget(target: TargetPlan, current: DefenderSettings, options: OperationOptions = {}): Promise<TargetOutcome> {
    const { subscriptionId } = target;
    if (target.changes.length === 0) return { subscriptionId, status: 'succeeded', settings: [] };

    const pricings = [...new Set(target.changes.map((change) => PRICING_OF_SETTING[change.setting]))];
    const putErrors = new Map<ManagedPricingName, CallError>();
    const putAnswers = new Map<ManagedPricingName, ArmPricing>();
    await Promise.all(
      pricings.map(async (pricing) => {
        try {
          putAnswers.set(pricing, await this.put(subscriptionId, pricing, bodyFor(pricing, target, current), options));
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

    const settings: SettingOutcome[] = target.changes.map(({ setting }): SettingOutcome => {
      const putError = putErrors.get(PRICING_OF_SETTING[setting]);
      if (putError) return { setting, status: 'failed', error: putError };
      if (!readBack) {
        const why = readBackError ?? { code: 'ArmError', message: 'no read-back' };
        return { setting, status: 'failed', error: { code: why.code, message: `ARM accepted the change but reading it back failed, so it is unconfirmed: ${why.message}` } };
      }
      const cloudPostureAnswer = putAnswers.get(CLOUD_POSTURE_PRICING);
      return judgeSetting(setting, target, readBack, cloudPostureAnswer && toCspmPlanState(cloudPostureAnswer));
    });
    return { subscriptionId, status: summariseSettings(settings), settings };
  }

  private put(subscriptionId: string, pricing: ManagedPricingName, body: ArmPricingUpdate, options: OperationOptions): Promise<ArmPricing> {
    // Never two PUTs in flight for one (subscription, pricing): the second would be merged from a stale list.
    return this.lock.run(`${subscriptionId.toLowerCase()}/${pricing}`, () =>
      this.transport.send<ArmPricing>({
        method: 'PUT',
        path: `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Security/pricings/${pricing}`,
        query: { 'api-version': PRICINGS_API_VERSION },
        body,
        purpose: `turn on the ${pricing} pricing`,
        subscriptionId,
        abortSignal: options.abortSignal,
      }),
    );
  }
}
