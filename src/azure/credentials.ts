/**
 * Where the bot's ARM tokens come from. Production: DefaultAzureCredential (managed identity, workload identity,
 * az login, ...). Demo mode and tests: a static, obviously fake token that only the ARM simulator accepts.
 */
import { DefaultAzureCredential, type AccessToken, type TokenCredential } from '@azure/identity';

export const SIMULATOR_TOKEN = 'simulator-token-not-a-secret';
const ONE_YEAR_IN_MS = 365 * 24 * 60 * 60 * 1000;

/** A TokenCredential for the ARM simulator: the same fake token for every scope, valid for a year. */
export class SimulatorCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: SIMULATOR_TOKEN, expiresOnTimestamp: Date.now() + ONE_YEAR_IN_MS };
  }
}

export type ArmCredentialOptions =
  | { kind: 'simulator' }
  | {
      kind: 'azure';
      /** Client id of a user-assigned managed identity; unset uses the system-assigned one or other sources. */
      managedIdentityClientId?: string;
      tenantId?: string;
    };

export function createArmCredential(options: ArmCredentialOptions): TokenCredential {
  if (options.kind === 'simulator') return new SimulatorCredential();
  return new DefaultAzureCredential({
    ...(options.managedIdentityClientId ? { managedIdentityClientId: options.managedIdentityClientId } : {}),
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
  });
}
