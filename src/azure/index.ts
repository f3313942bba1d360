/** The ARM adapter's public surface. The simulator is exported from ./simulator on its own. */
export { DefenderClient, DEFAULT_FLEET_CONCURRENCY, type DefenderClientOptions } from './defenderClient';
export { createArmCredential, SimulatorCredential, SIMULATOR_TOKEN, type ArmCredentialOptions } from './credentials';
export { DEFAULT_ARM_ENDPOINT, DEFAULT_USER_AGENT_PREFIX, type ArmRetryOptions } from './armTransport';
export { DEFAULT_SUBSCRIPTION_CACHE_TTL_IN_MS, resolveFromList } from './subscriptionDirectory';
export { isActionPermitted, matchesAction } from './permissions';
