/**
 * How the bot signs in to Azure (ARM, blob storage): as its user-assigned managed identity when it has one
 * (MicrosoftAppType=UserAssignedMSI), at the Entra authority host of DEFENDER_CLOUD.
 */
import type { ArmCredentialOptions } from '../azure/credentials';
import type { AppConfig } from '../config';

export function azureCredentialOptions(config: Partial<Pick<AppConfig, 'botCredentials' | 'cloud'>>): ArmCredentialOptions {
  return {
    kind: 'azure',
    managedIdentityClientId: config.botCredentials?.kind === 'managed-identity' ? config.botCredentials.appId : undefined,
    authorityHost: config.cloud?.authorityHost,
  };
}
