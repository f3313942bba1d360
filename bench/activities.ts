/** Activities as Teams sends them in a personal chat: channelId msteams, a tenant, a user with an Entra object id. */
import { DEMO_APPROVERS, DEMO_REQUESTER } from '../src/config/demoUsers';

export const BENCH_TENANT_ID = 'eeeeeeee-0000-4000-8000-0000000be4c1';
const BOT = { id: '28:defender-bot', name: 'defender' };

export interface BenchUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const REQUESTER: BenchUser = { id: '29:bench-requester', ...DEMO_REQUESTER };
export const APPROVER: BenchUser = { id: '29:bench-approver', ...DEMO_APPROVERS[0] };

let sequence = 0;
/** Unique per process: replies name it as replyToId, which is how the bench pairs a reply with its message. */
export const nextActivityId = (): string => `bench-${process.pid}-${++sequence}`;

function personalChat(user: BenchUser, serviceUrl: string) {
  return {
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { ...BOT },
    conversation: { id: `a:bench-personal-${user.id}`, conversationType: 'personal', tenantId: BENCH_TENANT_ID },
    channelData: { tenant: { id: BENCH_TENANT_ID } },
  };
}

export function messageActivity(text: string, user: BenchUser, serviceUrl: string) {
  return { ...personalChat(user, serviceUrl), id: nextActivityId(), type: 'message', text };
}

/** An Action.Execute click on a card the bot posted (cardActivityId), as an adaptiveCard/action invoke. */
export function actionExecuteActivity(verb: string, data: unknown, user: BenchUser, serviceUrl: string, cardActivityId: string) {
  return {
    ...personalChat(user, serviceUrl),
    id: nextActivityId(),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardActivityId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
