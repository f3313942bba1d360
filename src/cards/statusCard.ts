/** `status <sub>`: the answer first (on or not), then each setting, the APIM prerequisite and plain warnings. */
import template from './templates/status.json';
import { isApiPostureOn, isDefenderForApisOn, SubscriptionStatus } from '../core/defender';
import { executeAction } from './actions';
import { expandTemplate } from './expand';
import { StatusCardModel } from './models';
import { describeCspm, describeDefenderForApis, describeOpenApiAlerts, describeOtherExtensions, SettingRow } from './statusSettings';
import { escapeMarkdown, plural, shortList } from './text';
import type { ApiManagementApi } from '../core/defender';
import { bannerTextColor, toneColor, toneContainerStyle } from './tone';
import { AdaptiveCardJson } from './types';
import { VERBS } from './verbs';

/** A subscription can hold many APIM services; past this the card lists a count instead. */
export const STATUS_MAX_SERVICES = 10;
/** APIs named per service; the rest are counted. */
export const STATUS_MAX_APIS_PER_SERVICE = 8;

/** "Petstore ✅ onboarded": whether Defender for APIs covers it (unknown when the list could not be read). */
function apiLine(api: ApiManagementApi): string {
  const name = escapeMarkdown(api.displayName, 60);
  if (api.onboarded === undefined) return name;
  return `${name} ${api.onboarded ? '✅ onboarded' : '○ not onboarded'}`;
}
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function statusCardView(status: StatusCardModel) {
  const { subscription, settings, apiManagementServices: services } = status;
  const apisOn = isDefenderForApisOn(settings.api);
  const postureOn = isApiPostureOn(settings.cspm);
  const allOn = apisOn && postureOn;
  const offNames = [!apisOn && 'Defender for APIs', !postureOn && 'API security posture'].filter(Boolean);
  const headlineTone = allOn ? 'good' : 'warning';
  const settingRows: SettingRow[] = [describeDefenderForApis(settings.api), ...describeCspm(settings.cspm), describeOtherExtensions(settings.cspm)];
  if (status.apiAlerts) settingRows.push(describeOpenApiAlerts(status.apiAlerts));
  const apiCount = services.reduce((total, service) => total + service.apis.length, 0);

  return {
    title: `Defender status · ${escapeMarkdown(subscription.displayName, 80)}`,
    subscriptionId: escapeMarkdown(subscription.subscriptionId, 60),
    headline: allOn ? '✅ Defender for APIs and API security posture are on.' : `⚠️ Off: ${offNames.join(' and ')}.`,
    headlineColor: bannerTextColor(headlineTone),
    headlineStyle: toneContainerStyle(headlineTone),
    settings: settingRows,
    apimHeadline: `API Management: ${plural(services.length, 'service')}, ${plural(apiCount, 'API')}`,
    services: services.slice(0, STATUS_MAX_SERVICES).map((service) => ({
      name: escapeMarkdown(service.name, 80),
      resourceGroup: escapeMarkdown(service.resourceGroup, 90),
      detail: service.skuSupported
        ? `${escapeMarkdown(service.sku, 30)} · ${plural(service.apis.length, 'API')}`
        : `⚠️ ${escapeMarkdown(service.sku, 30)}: SKU not supported`,
      color: toneColor(service.skuSupported ? 'default' : 'warning'),
      hasApis: service.apis.length > 0,
      apis: shortList(service.apis.map(apiLine), STATUS_MAX_APIS_PER_SERVICE),
    })),
    hasMoreServices: services.length > STATUS_MAX_SERVICES,
    moreServices: `…and ${services.length - STATUS_MAX_SERVICES} more services`,
    ...warningsView(status),
    actions: allOn
      ? []
      : [executeAction({ title: 'Enable…', verb: VERBS.enablePreview, data: { subscriptionId: subscription.subscriptionId }, style: 'positive' })],
  };
}

function warningsView(status: SubscriptionStatus) {
  const { subscriptionId } = status.subscription;
  const warnings: string[] = [];
  if (!status.securityProviderRegistered) {
    // The GUID goes inside a code span, where escapes would show; only a well-formed GUID is pasted in.
    const subscriptionArgument = GUID.test(subscriptionId) ? ` --subscription ${subscriptionId}` : '';
    warnings.push(`The Microsoft.Security resource provider is not registered. Register it: \`az provider register --namespace Microsoft.Security${subscriptionArgument}\``);
  }
  if (!status.canWritePricings) {
    warnings.push("The bot's identity may not change Defender plans here. Grant it the **Security Admin** role on this subscription.");
  }
  if (status.apiManagementServices.length === 0) {
    warnings.push('No API Management service: Defender for APIs has nothing to protect here yet.');
  }
  const unsupported = status.apiManagementServices.filter((service) => !service.skuSupported).length;
  if (unsupported > 0) {
    warnings.push(`${plural(unsupported, 'service')} on a SKU Defender for APIs does not list as supported: its APIs cannot be onboarded.`);
  }
  return { hasWarnings: warnings.length > 0, warnings: warnings.map((warning) => `• ${warning}`) };
}

export function buildStatusCard(model: StatusCardModel): AdaptiveCardJson {
  return expandTemplate(template, statusCardView(model));
}
