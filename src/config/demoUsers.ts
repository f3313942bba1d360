/**
 * The people of demo mode. They match the Agents Playground's mock users in .m365agentsplayground.yml,
 * so the approval flow can be tried there out of the box: Alex asks, Avery or Blake approves.
 */
export const DEMO_REQUESTER = { aadObjectId: '00000000-0000-4000-8000-00000000a11e', name: 'Alex Admin' };
export const DEMO_APPROVERS = [
  { aadObjectId: '00000000-0000-4000-8000-0000000a9e01', name: 'Avery Approver' },
  { aadObjectId: '00000000-0000-4000-8000-0000000a9e02', name: 'Blake Approver' },
];
