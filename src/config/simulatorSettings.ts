/** Settings of the standalone ARM simulator (`npm run simulator`); demo mode passes the same values in-process. */
import { Env, readPort, readString } from './env';

export interface SimulatorSettings {
  port: number;
  /** Path of a JSON seed file; unset means the built-in demo seed. */
  seedFile?: string;
}

export const DEFAULT_SIMULATOR_PORT = 9443;

export function readSimulatorSettings(env: Env): SimulatorSettings {
  return {
    port: readPort(env, 'DEFENDER_SIMULATOR_PORT', DEFAULT_SIMULATOR_PORT),
    seedFile: readString(env, 'DEFENDER_SIMULATOR_SEED'),
  };
}
