/** The people of the bot tests, as Teams would present them on an activity. */
export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId?: string;
}

export const REQUESTER: TeamsUser = { id: '29:requester', name: 'Riley Requester', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' };
export const APPROVER: TeamsUser = { id: '29:approver', name: 'Avery Approver', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002' };
export const SECOND_APPROVER: TeamsUser = { id: '29:approver2', name: 'Sam Second', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000003' };
export const BYSTANDER: TeamsUser = { id: '29:bystander', name: 'Blake Bystander', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000004' };
/** Someone the channel does not vouch for: no Entra object id on the activity. */
export const ANONYMOUS: TeamsUser = { id: '29:anonymous', name: 'Nobody' };

export const TENANT_ID = 'tttttttt-0000-4000-8000-000000000000'.replace(/t/g, 'e');
/** An approver who is later removed from DEFENDER_APPROVERS. */
export const FORMER_APPROVER: TeamsUser = { id: '29:erin', name: 'Erin Former', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000005' };
