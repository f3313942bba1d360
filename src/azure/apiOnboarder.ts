/**
 * Onboards APIM APIs to Defender for APIs: PUT .../apiCollections/{apiId} at 2023-11-15 is a long-running
 * operation. It answers 201/202 with a `Location` to poll (202 while in progress, 200 when done); each poll goes
 * through the same SDK pipeline (its retry policy handles 429/503 and their Retry-After), and between polls we wait
 * as the 202's own Retry-After says, capped so a misbehaving endpoint cannot hold an apply for long.
 */
import { DefenderError, isDefenderError } from '../core/errors';
import { summariseSettings, type SettingOutcome, type TargetOutcome } from '../core/outcome';
import type { OnboardingApi, OnboardTarget } from '../core/plan';
import type { OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import { API_COLLECTIONS_API_VERSION, apiCollectionsPath, serviceIdOf, type ArmApiCollection } from './models/apiCollection';

export interface ApiOnboarderOptions {
  /** Longest wait between two polls, whatever Retry-After says; default 30 000 ms. */
  maxPollDelayInMs?: number;
  /** Polls before giving up; default 60. */
  maxPolls?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds (or an HTTP date), as milliseconds; absent → 1 s. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number {
  if (header === undefined || header.trim() === '') return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - now);
}

export class ApiOnboarder {
  private readonly maxPollDelayInMs: number;
  private readonly maxPolls: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly transport: ArmTransport, options: ApiOnboarderOptions = {}) {
    this.maxPollDelayInMs = options.maxPollDelayInMs ?? 30_000;
    this.maxPolls = options.maxPolls ?? 60;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Every API of the target, one after another (APIM serialises changes per service anyway); one failing does not stop the rest. */
  async applyTarget(target: OnboardTarget, options: OperationOptions = {}): Promise<TargetOutcome> {
    const settings: SettingOutcome[] = [];
    for (const api of target.apis) {
      const subject = `${api.serviceName}/${api.apiId}`;
      try {
        await this.onboard(target.subscriptionId, api, options);
        settings.push({ setting: 'apiOnboarding', subject, status: 'done' });
      } catch (error) {
        if (!isDefenderError(error)) throw error;
        settings.push({ setting: 'apiOnboarding', subject, status: 'failed', error: { code: error.code, message: error.message } });
      }
    }
    return { subscriptionId: target.subscriptionId, status: summariseSettings(settings), settings };
  }

  private async onboard(subscriptionId: string, api: OnboardingApi, options: OperationOptions): Promise<void> {
    const path = apiCollectionsPath(serviceIdOf(subscriptionId, api.resourceGroup, api.serviceName), api.apiId);
    const purpose = `onboard API ${api.apiId} of API Management service ${api.serviceName}`;
    let response = await this.transport.sendForResponse<ArmApiCollection>({
      method: 'PUT', path, query: { 'api-version': API_COLLECTIONS_API_VERSION }, purpose, subscriptionId, abortSignal: options.abortSignal,
    });
    for (let polls = 0; response.status !== 200 || !isFinished(response.body); polls++) {
      const location = response.headers.get('location') ?? response.headers.get('azure-asyncoperation');
      if (!location) {
        if (response.status === 200 || response.status === 201) break; // done, or no way to follow it: the read-back decides
        throw new DefenderError('ArmError', `ArmError: ARM answered ${response.status} to the request to ${purpose} without a Location to follow; check the API collection in the portal`);
      }
      if (polls >= this.maxPolls) throw new DefenderError('ArmError', `ArmError: onboarding ${api.apiId} was still in progress after ${polls} polls; it may finish on its own, so check it with status before retrying`);
      await this.sleep(Math.min(retryAfterMs(response.headers.get('retry-after')), this.maxPollDelayInMs));
      response = await this.transport.sendForResponse<ArmApiCollection>({ method: 'GET', path: location, purpose: `follow the onboarding of API ${api.apiId}`, subscriptionId, abortSignal: options.abortSignal });
    }
    const state = response.body.properties?.provisioningState;
    if (state && !/^succeeded$/i.test(state)) {
      throw new DefenderError('ArmError', `ArmError: onboarding API ${api.apiId} ended ${state}; check the API in API Management, then use Retry`);
    }
  }
}

function isFinished(body: ArmApiCollection): boolean {
  const state = body.properties?.provisioningState;
  return !state || !/^(inprogress|accepted|running|creating|updating)$/i.test(state);
}

/** Names of the APIs of one APIM service that are API collections already (2023-11-15 list, through the same pipeline). */
export async function readOnboardedApiNames(transport: ArmTransport, subscriptionId: string, serviceId: string, options: OperationOptions = {}): Promise<Set<string>> {
  const collections = await transport.sendList<ArmApiCollection>({
    method: 'GET',
    path: apiCollectionsPath(serviceId),
    query: { 'api-version': API_COLLECTIONS_API_VERSION },
    purpose: 'list the APIs onboarded to Defender for APIs',
    subscriptionId,
    abortSignal: options.abortSignal,
  });
  return new Set(collections.map((collection) => collection.name.toLowerCase()));
}
