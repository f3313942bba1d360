/**
 * The composition root in production mode: CloudAdapter with a (fake) app id and secret, so every inbound
 * activity must carry a valid Bot Framework JWT. ARM is the simulator through the client demo mode uses for a
 * shared simulator (its CA trusted, its fake token): the production client's DefaultAzureCredential would ask the
 * Azure instance metadata endpoint (169.254.169.254) for a token when start-up loads the subscription directory,
 * and no traffic may leave the machine.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { startDefenderBot, type RunningBot } from '../../../src/index';
import { startArmSimulator, DEMO_SEED, type ArmSimulator } from '../../../src/azure/simulator';
import { captureLog, type CapturedLog } from './logCapture';
import { startTeamsConnector, type TeamsConnector } from '../../support/teamsConnector';

export const PLANTED_APP_PASSWORD = 'planted-app-password-Zq9~xV3.kL7';
export const PLANTED_BEARER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.planted-bearer-token-7f3c.c2lnbmF0dXJl';
export const APP_ID = '0b8c5a52-9a63-4c1f-8d0e-3f1f2b6a7c91';
export const TENANT = 'eeeeeeee-0000-4000-8000-000000000000';
export const APPROVER_ID = 'aaaaaaaa-0000-4000-8000-000000000002';

export interface ProductionBot {
  bot: RunningBot;
  log: CapturedLog;
  /** The Teams connector fake: it records every call the bot makes (there should be none here). */
  connector: TeamsConnector;
  simulator: ArmSimulator;
  messagesUrl: string;
  close(): Promise<void>;
}

export async function startProductionBot(): Promise<ProductionBot> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-prod-'));
  const simulator = await startArmSimulator({ port: 0, seed: DEMO_SEED });
  const connector = await startTeamsConnector();
  const log = captureLog('debug');
  const caFile = `${dataDir}-simulator-ca.pem`;
  await writeFile(caFile, simulator.caCertificate);
  const production = loadConfig(
    {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: PLANTED_APP_PASSWORD,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      DEFENDER_APPROVERS: APPROVER_ID,
      DEFENDER_ALLOWED_TENANTS: TENANT,
      DEFENDER_ARM_ENDPOINT: simulator.url,
      DEFENDER_HOST: '127.0.0.1',
      PORT: '0',
      DEFENDER_DATA_DIR: dataDir,
    },
    dataDir,
  );
  const config = { ...production, arm: { kind: 'external-simulator' as const, endpoint: simulator.url, caFile } };
  const bot = await startDefenderBot(config, { logger: log.logger });
  // Start-up loads the subscription directory in the background; the tests count ARM calls from here on.
  await bot.background.drain();
  return {
    bot,
    log,
    connector,
    simulator,
    messagesUrl: `${bot.url}/api/messages`,
    async close() {
      await bot.close();
      await connector.close();
      await simulator.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(caFile, { force: true });
    },
  };
}

/** A Teams message as the connector would deliver it, its serviceUrl the connector fake (forged: sent with a bad token). */
export function teamsMessage(serviceUrl: string, text = 'help') {
  return {
    type: 'message',
    id: 'activity-1',
    text,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:approver', name: 'Avery Approver', aadObjectId: APPROVER_ID },
    recipient: { id: `28:${APP_ID}`, name: 'defender' },
    conversation: { id: 'a:conversation-1', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}
