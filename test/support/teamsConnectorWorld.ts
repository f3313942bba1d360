/** People, conversations and a scripted bot around a Teams connector fake, for the fake's own tests. */
import { startScriptedBot, type ScriptedBot } from './scriptedBot';
import { startTeamsConnector, type Conversation, type Person, type TeamsConnector, type TeamsConnectorOptions } from './teamsConnector';

export const ALEX = { name: 'Alex Admin', aadObjectId: '00000000-0000-4000-8000-00000000a11e', mri: '29:alex', upn: 'alex@contoso.com' };
export const AVERY = { name: 'Avery Approver', aadObjectId: '00000000-0000-4000-8000-0000000a9e01', mri: '29:avery', upn: 'avery@contoso.com' };
export const BLAKE = { name: 'Blake Bystander', aadObjectId: '00000000-0000-4000-8000-0000000b1a4e', mri: '29:blake', upn: 'blake@contoso.com' };

export const card = (title: string, extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: title }], ...extra });
export const cardActivity = (title: string, extra?: Record<string, unknown>) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card(title, extra) }],
});

export interface World {
  teams: TeamsConnector;
  bot: ScriptedBot;
  alex: Person;
  avery: Person;
  blake: Person;
  personal: Conversation;
  group: Conversation;
  channel: Conversation;
}

export async function startWorld(options: TeamsConnectorOptions = {}): Promise<World> {
  const teams = await startTeamsConnector(options); // the fake first, the bot second: botUrl is set afterwards
  const bot = await startScriptedBot();
  teams.botUrl = bot.url;
  const [alex, avery, blake] = [ALEX, AVERY, BLAKE].map((spec) => teams.person(spec));
  return {
    teams,
    bot,
    alex,
    avery,
    blake,
    personal: teams.conversation({ id: 'a:alex-personal', kind: 'personal', members: [alex] }),
    group: teams.conversation({ id: '19:admins@thread.v2', kind: 'groupChat', members: [alex, avery] }),
    channel: teams.conversation({ id: '19:approvals@thread.tacv2;messageid=1700000000000', kind: 'channel', members: [avery, blake], team: { id: '19:team@thread.tacv2' } }),
  };
}

/** HTTP straight to the connector, as the bot's SDK would send it. */
export async function call(teams: TeamsConnector, method: string, path: string, body?: unknown) {
  const response = await fetch(new URL(path, teams.url), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, any> };
}

export const activitiesOf = (conversationId: string) => `/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
