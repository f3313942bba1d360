/**
 * `npm run simulator`: the ARM simulator as its own process. Settings come from src/config
 * (DEFENDER_SIMULATOR_PORT, DEFENDER_SIMULATOR_SEED). Writes the CA certificate to a file so another
 * process can trust it, prints the URL and that path, and stops cleanly on SIGINT/SIGTERM.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSimulatorSettings } from '../../config/simulatorSettings';
import { DEMO_SEED, loadSeedFile, startArmSimulator } from './index';

async function main(): Promise<void> {
  const settings = readSimulatorSettings(process.env);
  const seed = settings.seedFile ? loadSeedFile(settings.seedFile) : DEMO_SEED;
  const simulator = await startArmSimulator({ port: settings.port, seed });

  const caDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'arm-simulator-'));
  const caPath = path.join(caDirectory, 'ca.pem');
  fs.writeFileSync(caPath, simulator.caCertificate, { mode: 0o644 });

  console.log(`ARM simulator listening on ${simulator.url}`);
  console.log(`CA certificate: ${caPath}`);
  console.log(`Seed: ${settings.seedFile ?? 'built-in demo seed'} (${seed.subscriptions.length} subscriptions)`);
  console.log(`Request log: GET ${simulator.url}/_simulator/requests`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping the ARM simulator`);
    simulator
      .close()
      .then(() => fs.rmSync(caDirectory, { recursive: true, force: true }))
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(`Could not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`ARM simulator failed to start: ${(error as Error).message}`);
  process.exit(1);
});
