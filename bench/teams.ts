/**
 * The bench's Teams: the connector fake from test/support (the activities' serviceUrl, so every reply, proactive
 * message and card update the bot sends arrives as a call we can timestamp), and the people and chats of the bench.
 * The bench measures the bot, not Teams: throttling is off, updates take no time, and nothing is kept (memory stays flat).
 */
import { DEMO_APPROVERS, DEMO_REQUESTER } from '../src/config/demoUsers';
import { startTeamsConnector, type Conversation, type Person, type TeamsActivity, type TeamsConnector } from '../test/support/teamsConnector';

export const BENCH_TENANT_ID = 'eeeeeeee-0000-4000-8000-0000000be4c1';

export interface BenchTeams {
  connector: TeamsConnector;
  requester: Person;
  approver: Person;
  /** The requester's personal chat: B1, B2 and the status calls. */
  personalChat: Conversation;
  /** The requester and the approver: B3's request card is posted and approved here. */
  approvalChat: Conversation;
  /** A message from the requester in their personal chat, as Teams delivers it. */
  message(text: string): TeamsActivity;
}

export async function startBenchTeams(): Promise<BenchTeams> {
  const connector = await startTeamsConnector({ rateLimits: { windows: [] }, updateProcessingMs: 0, record: false, tenantId: BENCH_TENANT_ID });
  const requester = connector.person({ mri: '29:bench-requester', ...DEMO_REQUESTER });
  const approver = connector.person({ mri: '29:bench-approver', ...DEMO_APPROVERS[0] });
  const personalChat = connector.conversation({ id: `a:bench-personal-${requester.mri}`, kind: 'personal', members: [requester] });
  const approvalChat = connector.conversation({ id: '19:bench-approvals@thread.v2', kind: 'groupChat', members: [requester, approver] });
  return { connector, requester, approver, personalChat, approvalChat, message: (text) => connector.activities.message(requester, personalChat, text) };
}
