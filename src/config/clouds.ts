/**
 * DEFENDER_CLOUD: every value that differs between the Microsoft clouds, in one table. The Bot Framework keys
 * are the ones botbuilder's ConfigurationBotFrameworkAuthentication reads (src/bot/host/adapter.ts maps them), the
 * ARM endpoint is DEFENDER_ARM_ENDPOINT's default, and the authority host is where @azure/identity signs in.
 *
 * Sources (values copied, not derived):
 * [BF-PUB]  learn.microsoft.com/azure/bot-service/ref-oauth-redirect-urls (MicrosoftDocs/bot-docs, the
 *           appsettings sample) and botframework-connector 4.23 AuthenticationConstants / CallerIdConstants.
 * [BF-GOV]  learn.microsoft.com/azure/bot-service/how-to-deploy-gov-cloud-high: "Configure for Office 365 GCC
 *           High" and "Configure for DoD environment"; CallerId from botframework-schema CallerIdConstants.USGovChannel.
 * [BF-CN]   learn.microsoft.com/azure/bot-service/how-to-deploy-china-cloud ("Configure MultiTenant Bot" and
 *           "Configure UserAssignedMSI/SingleTenant Bot": the login URL ends in the bot's tenant).
 * [ENTRA]   learn.microsoft.com/entra/identity-platform/authentication-national-cloud, and @azure/identity 4.13
 *           AzureAuthorityHosts (China: the SDK's login.chinacloudapi.cn; Entra also documents login.partner.microsoftonline.cn).
 * [ARM]     Azure SDK for JS getArmEndpoint (static-helpers/cloudSettingHelpers.ts in the generated ARM packages)
 *           and learn.microsoft.com/azure/developer/python/sdk/azure-sdk-sovereign-domain (China).
 * Not confirmed from a Microsoft document, so marked where used: China's ChannelService (only Microsoft's Teams SDK,
 * microsoft/teams.ts cloud-environment.ts, has it; botbuilder ignores it once the other keys are set) and China's
 * CallerId (documented nowhere: left unset). DoD's ARM endpoint and authority host are Azure Government's: the DoD
 * regions are Azure Government regions, and no separate endpoint is documented.
 */
import { ConfigError, readString, type Env } from './env';

export const CLOUD_NAMES = ['AzurePublic', 'AzureUSGovernment', 'AzureUSGovernmentDoD', 'AzureChina'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface BotFrameworkCloud {
  /** ChannelService: empty means the public cloud to botbuilder. */
  channelService: string;
  /** OAuthUrl: the user token service (sign-in cards; this bot does not use them). */
  oAuthUrl: string;
  /** ToChannelFromBotLoginUrl is `${loginHost}/${tenant}`: the bot's tenant, or channelAuthTenant for MultiTenant. */
  loginHost: string;
  channelAuthTenant: string;
  /** ToChannelFromBotOAuthScope: the audience of the bot's tokens for the Bot Connector. */
  oAuthScope: string;
  /** ToBotFromChannelTokenIssuer and ToBotFromChannelOpenIdMetadataUrl: how inbound JWTs are checked. */
  tokenIssuer: string;
  openIdMetadataUrl: string;
  emulatorOpenIdMetadataUrl: string;
  /** CallerId stamped on inbound activities; undefined where no value is documented. */
  callerId?: string;
  validateAuthority: boolean;
}

export interface CloudSettings {
  name: CloudName;
  /** For people: the cloud and the Teams environment it serves. */
  description: string;
  botFramework: BotFrameworkCloud;
  armEndpoint: string;
  /** authorityHost for @azure/identity (ARM, blob storage). */
  authorityHost: string;
}

const US_GOVERNMENT_BOT_FRAMEWORK: Omit<BotFrameworkCloud, 'oAuthUrl'> = {
  channelService: 'https://botframework.azure.us', // [BF-GOV]
  loginHost: 'https://login.microsoftonline.us', // [BF-GOV]
  channelAuthTenant: 'MicrosoftServices.onmicrosoft.us', // [BF-GOV]
  oAuthScope: 'https://api.botframework.us', // [BF-GOV]
  tokenIssuer: 'https://api.botframework.us', // [BF-GOV]
  openIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration', // [BF-GOV]
  emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration', // [BF-GOV]
  callerId: 'urn:botframework:azureusgov', // [BF-GOV] CallerIdConstants.USGovChannel
  validateAuthority: true, // [BF-GOV]
};

export const CLOUDS: Readonly<Record<CloudName, CloudSettings>> = {
  AzurePublic: {
    name: 'AzurePublic',
    description: 'Azure public cloud (Teams commercial and GCC)',
    botFramework: {
      channelService: '', // [BF-PUB] unset = public
      oAuthUrl: 'https://token.botframework.com', // [BF-PUB] the documented default
      loginHost: 'https://login.microsoftonline.com', // [BF-PUB]
      channelAuthTenant: 'botframework.com', // [BF-PUB] AuthenticationConstants.DefaultChannelAuthTenant
      oAuthScope: 'https://api.botframework.com', // [BF-PUB]
      tokenIssuer: 'https://api.botframework.com', // [BF-PUB]
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration', // [BF-PUB]
      emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration', // [BF-PUB]
      callerId: 'urn:botframework:azure', // [BF-PUB]
      validateAuthority: true, // [BF-PUB]
    },
    armEndpoint: 'https://management.azure.com', // [ARM]
    authorityHost: 'https://login.microsoftonline.com', // [ENTRA] AzureAuthorityHosts.AzurePublicCloud
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    description: 'Azure Government (Teams GCC High)',
    botFramework: { ...US_GOVERNMENT_BOT_FRAMEWORK, oAuthUrl: 'https://tokengcch.botframework.azure.us/' }, // [BF-GOV] GCC High
    armEndpoint: 'https://management.usgovcloudapi.net', // [ARM]
    authorityHost: 'https://login.microsoftonline.us', // [ENTRA] AzureAuthorityHosts.AzureGovernment
  },
  AzureUSGovernmentDoD: {
    name: 'AzureUSGovernmentDoD',
    description: 'Azure Government (Teams DoD)',
    botFramework: { ...US_GOVERNMENT_BOT_FRAMEWORK, oAuthUrl: 'https://apiDoD.botframework.azure.us' }, // [BF-GOV] DoD: only OAuthUrl differs
    armEndpoint: 'https://management.usgovcloudapi.net', // Azure Government's (see the note above)
    authorityHost: 'https://login.microsoftonline.us', // Azure Government's (see the note above)
  },
  AzureChina: {
    name: 'AzureChina',
    description: 'Microsoft Azure operated by 21Vianet',
    botFramework: {
      channelService: 'https://botframework.azure.cn', // not in [BF-CN]: microsoft/teams.ts only
      oAuthUrl: 'https://token.botframework.azure.cn/', // [BF-CN]
      loginHost: 'https://login.partner.microsoftonline.cn', // [BF-CN]
      channelAuthTenant: 'microsoftservices.partner.onmschina.cn', // [BF-CN] MultiTenant
      oAuthScope: 'https://api.botframework.azure.cn', // [BF-CN]
      tokenIssuer: 'https://api.botframework.azure.cn', // [BF-CN]
      openIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration', // [BF-CN]
      emulatorOpenIdMetadataUrl: 'https://login.partner.microsoftonline.cn/a55a4d5b-9241-49b1-b4ff-befa8db00269/v2.0/.well-known/openid-configuration', // [BF-CN]
      // callerId: documented nowhere for China, so unset.
      validateAuthority: true, // [BF-CN]
    },
    armEndpoint: 'https://management.chinacloudapi.cn', // [ARM]
    authorityHost: 'https://login.chinacloudapi.cn', // [ENTRA] AzureAuthorityHosts.AzureChina
  },
};

/** DEFENDER_CLOUD in any letter case; AzurePublic when unset. */
export function readCloud(env: Env = process.env): CloudSettings {
  const raw = readString(env, 'DEFENDER_CLOUD');
  if (raw === undefined) return CLOUDS.AzurePublic;
  const name = CLOUD_NAMES.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
  if (!name) {
    throw new ConfigError('DEFENDER_CLOUD', `"${raw}" is not a cloud`, `Use ${CLOUD_NAMES.join(', ')} (the cloud of the Azure Bot and its Teams tenant), or unset it for AzurePublic`);
  }
  return CLOUDS[name];
}
