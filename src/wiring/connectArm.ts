/**
 * Azure Resource Manager for this run: real ARM of DEFENDER_CLOUD with DefaultAzureCredential, signing in at that
 * cloud's authority host, in production; in demo mode the built-in ARM simulator, started in-process (or a
 * standalone one several demo instances share), trusted by this client only.
 */
import { readFileSync } from 'node:fs';
import type { AppConfig } from '../config';
import type { Clock, DefenderGateway } from '../core/ports';
import { createArmCredential, DefenderClient } from '../azure';
import { DEMO_SEED, loadSeedFile, startArmSimulator, type ArmSimulator } from '../azure/simulator';
import { azureCredentialOptions } from './azureIdentity';

export interface ArmConnection {
  gateway: DefenderGateway;
  /** Set in demo mode: the running simulator (tests read its request log). */
  simulator?: ArmSimulator;
  /** Where ARM is, for the start-up log line. */
  description: string;
  close(): Promise<void>;
}

export interface ConnectArmOptions {
  clock: Clock;
  /** A background refresh (e.g. of the subscription list) failed; the old data stays in use. */
  onBackgroundError?: (error: unknown, task: string) => void;
}

export async function connectArm(config: AppConfig, { clock, onBackgroundError }: ConnectArmOptions): Promise<ArmConnection> {
  if (config.arm.kind === 'azure') {
    const gateway = new DefenderClient({
      credential: createArmCredential(azureCredentialOptions(config)),
      endpoint: config.arm.endpoint,
      fleetConcurrency: config.fleetConcurrency,
      callTimeoutInMs: config.timing.armCallTimeoutMs,
      clock,
      onBackgroundError,
    });
    return { gateway, description: config.arm.endpoint, close: async () => undefined };
  }
  if (config.arm.kind === 'external-simulator') return connectExternalSimulator(config.arm, config, { clock, onBackgroundError });
  const { port, seedFile } = config.arm.simulator;
  const simulator = await startArmSimulator({ port, seed: seedFile ? loadSeedFile(seedFile) : DEMO_SEED }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new Error(`DEFENDER_SIMULATOR_PORT: port ${port} is in use (another demo bot or simulator?). Stop it, or set DEFENDER_SIMULATOR_PORT to a free port.`);
    }
    throw error;
  });
  const gateway = new DefenderClient({
    credential: createArmCredential({ kind: 'simulator' }),
    endpoint: simulator.url,
    caCertificate: simulator.caCertificate,
    fleetConcurrency: config.fleetConcurrency,
    callTimeoutInMs: config.timing.armCallTimeoutMs,
    clock,
    onBackgroundError,
  });
  return { gateway, simulator, description: simulator.url, close: () => simulator.close() };
}

/** A standalone simulator (`npm run simulator`): nothing to start or stop here; ARM state lives in that process. */
function connectExternalSimulator(arm: { endpoint: string; caFile: string }, config: AppConfig, { clock, onBackgroundError }: ConnectArmOptions): ArmConnection {
  let caCertificate: string;
  try {
    caCertificate = readFileSync(arm.caFile, 'utf8');
  } catch (error) {
    throw new Error(`DEFENDER_ARM_CA_FILE: cannot read ${arm.caFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Use the "CA certificate" path "npm run simulator" printed, while it runs.`);
  }
  const gateway = new DefenderClient({
    credential: createArmCredential({ kind: 'simulator' }),
    endpoint: arm.endpoint,
    caCertificate,
    fleetConcurrency: config.fleetConcurrency,
    callTimeoutInMs: config.timing.armCallTimeoutMs,
    clock,
    onBackgroundError,
  });
  return { gateway, description: `${arm.endpoint} (shared ARM simulator)`, close: async () => undefined };
}
