/**
 * Where demo mode finds its ARM simulator. Normally each demo bot starts its own in-process simulator; several demo
 * instances that must see one simulated Azure (scale-out tests, a shared demo) point at a standalone one instead
 * (`npm run simulator` prints its URL and CA file) with DEFENDER_ARM_ENDPOINT + DEFENDER_ARM_CA_FILE.
 */
import { ConfigError, Env, readString } from './env';
import { readSimulatorSettings, type SimulatorSettings } from './simulatorSettings';

export type DemoArmSettings =
  | { kind: 'simulator'; simulator: SimulatorSettings }
  | { kind: 'external-simulator'; endpoint: string; caFile: string };

export function readDemoArmSettings(env: Env): DemoArmSettings {
  const endpoint = readString(env, 'DEFENDER_ARM_ENDPOINT');
  const caFile = readString(env, 'DEFENDER_ARM_CA_FILE');
  if (!endpoint) {
    if (caFile) throw new ConfigError('DEFENDER_ARM_CA_FILE', 'is set without DEFENDER_ARM_ENDPOINT', 'Set DEFENDER_ARM_ENDPOINT to the simulator\'s URL too, or unset DEFENDER_ARM_CA_FILE');
    return { kind: 'simulator', simulator: readSimulatorSettings(env) };
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigError('DEFENDER_ARM_ENDPOINT', `"${endpoint}" is not a URL`, 'Use the URL "npm run simulator" prints, e.g. https://127.0.0.1:9443');
  }
  if (url.protocol !== 'https:') throw new ConfigError('DEFENDER_ARM_ENDPOINT', `"${endpoint}" is not https`, 'The ARM simulator only speaks https; use the URL "npm run simulator" prints');
  if (!caFile) {
    throw new ConfigError('DEFENDER_ARM_CA_FILE', 'demo mode with DEFENDER_ARM_ENDPOINT needs the simulator\'s CA certificate', 'Set it to the "CA certificate" path "npm run simulator" prints');
  }
  return { kind: 'external-simulator', endpoint: url.origin, caFile };
}
