/**
 * The Bot Framework adapter. Production validates every inbound JWT (CloudAdapter does it when an app id is
 * configured); demo mode is anonymous, for the Agents Playground, and binds to loopback (see config).
 */
import { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotCredentials } from '../config';

export function botFrameworkAuthOptions(credentials: BotCredentials): ConfigurationBotFrameworkAuthenticationOptions {
  switch (credentials.kind) {
    case 'anonymous':
      return {} as ConfigurationBotFrameworkAuthenticationOptions;
    case 'secret':
      return {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppPassword: credentials.appPassword,
        MicrosoftAppType: credentials.appType,
        MicrosoftAppTenantId: credentials.tenantId ?? '',
      } as ConfigurationBotFrameworkAuthenticationOptions;
    case 'managed-identity':
      return {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: credentials.tenantId,
      } as ConfigurationBotFrameworkAuthenticationOptions;
  }
}

export function createAdapter(credentials: BotCredentials): TeamsAdapter {
  return new TeamsAdapter(botFrameworkAuthOptions(credentials));
}

export function botAppIdOf(credentials: BotCredentials): string {
  return credentials.kind === 'anonymous' ? '' : credentials.appId;
}
