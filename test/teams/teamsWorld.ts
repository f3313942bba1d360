/**
 * The real bot (the composition root in demo mode, its own ARM simulator) talking to the Teams connector fake, with
 * the demo's people: Alex asks, Avery and Blake approve, Olly only watches. One group chat holds all four.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { DEMO_APPROVERS, DEMO_REQUESTER } from '../../src/config/demoUsers';
import { createLogger } from '../../src/logging';
import { startDefenderBot, type RunningBot } from '../../src/index';
import { cardText } from '../support/cardText';
import { startTeamsConnector, type Conversation, type Person, type TeamsConnector, type TeamsConnectorOptions } from '../support/teamsConnector';

export interface TeamsWorld {
  teams: TeamsConnector;
  bot: RunningBot;
  alex: Person;
  avery: Person;
  blake: Person;
  olly: Person;
  chat: Conversation;
  approversChannel: Conversation;
  close(): Promise<void>;
}

export const APPROVERS_CHANNEL_ID = '19:approvers@thread.tacv2';

/** Whether the card Teams holds as `messageId` reads that the changes are applied (false while there is none). */
export function showsDone(teams: TeamsConnector, messageId: string): boolean {
  return /Done: the changes are applied/.test(cardText(teams.sharedCard(messageId)));
}

export async function startTeamsWorld(options: { connector?: TeamsConnectorOptions; env?: Record<string, string> } = {}): Promise<TeamsWorld> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-teams-'));
  const teams = await startTeamsConnector(options.connector);
  const alex = teams.person({ name: DEMO_REQUESTER.name, aadObjectId: DEMO_REQUESTER.aadObjectId, mri: '29:alex', upn: 'alex@contoso.com' });
  const [avery, blake] = DEMO_APPROVERS.map((approver, index) => teams.person({ name: approver.name, aadObjectId: approver.aadObjectId, mri: `29:approver-${index}` }));
  const olly = teams.person({ name: 'Olly Observer', aadObjectId: '00000000-0000-4000-8000-00000000b0b0', mri: '29:olly' });
  const chat = teams.conversation({ id: '19:platform@thread.v2', kind: 'groupChat', members: [alex, avery, blake, olly] });
  const approversChannel = teams.conversation({ id: APPROVERS_CHANNEL_ID, kind: 'channel', members: [avery, blake], team: { id: '19:security-team@thread.tacv2' } });
  const config = loadConfig({ PORT: '0', DEFENDER_SIMULATOR_PORT: '0', DEFENDER_DATA_DIR: dataDir, DEFENDER_SWEEP_INTERVAL_SECONDS: '1', ...options.env }, dataDir);
  const bot = await startDefenderBot(config, { logger: createLogger({ level: 'silent' }) });
  teams.botUrl = bot.url;
  return {
    teams, bot, alex, avery, blake, olly, chat, approversChannel,
    async close() {
      await bot.close();
      await teams.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
