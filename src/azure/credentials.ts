/**
 * Where the bot's ARM tokens come from. Production: DefaultAzureCredential (managed identity, workload identity,
 * az login, ...). Demo mode and tests: a static, obviously fake token that only the ARM simulator accepts.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

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
      /** Where Entra ID is for this cloud (DEFENDER_CLOUD); unset: the public cloud, or AZURE_AUTHORITY_HOST. */
      authorityHost?: string;
    };

type AzureCredentialOptions = Omit<Extract<ArmCredentialOptions, { kind: 'azure' }>, 'kind'>;

/**
 * DefaultAzureCredential, created on the first token request: @azure/identity (MSAL) takes a quarter of a second
 * to load, which demo mode and a bot that has not yet called ARM need not pay at start-up.
 */
export class LazyDefaultAzureCredential implements TokenCredential {
  private credential: TokenCredential | undefined;

  constructor(readonly options: AzureCredentialOptions) {}

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    return this.resolve().getToken(scopes, options);
  }

  /** The DefaultAzureCredential behind this one, created on first use. */
  resolve(): TokenCredential {
    this.credential ??= this.create();
    return this.credential;
  }

  private create(): TokenCredential {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
    const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
    return new DefaultAzureCredential({
      ...(this.options.managedIdentityClientId ? { managedIdentityClientId: this.options.managedIdentityClientId } : {}),
      ...(this.options.tenantId ? { tenantId: this.options.tenantId } : {}),
      ...(this.options.authorityHost ? { authorityHost: this.options.authorityHost } : {}),
    });
  }
}

export function createArmCredential(options: ArmCredentialOptions): TokenCredential {
  if (options.kind === 'simulator') return new SimulatorCredential();
  const { kind: _kind, ...azure } = options;
  return new LazyDefaultAzureCredential(azure);
}
