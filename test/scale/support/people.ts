/** The demo people as the Teams connector fake presents them: Alex asks, the demo approvers approve. */
import { DEMO_APPROVERS, DEMO_REQUESTER } from '../../../src/config/demoUsers';
import type { PersonSpec } from '../../support/teamsConnector';

export const REQUESTER: PersonSpec = { mri: '29:alex', name: DEMO_REQUESTER.name, aadObjectId: DEMO_REQUESTER.aadObjectId };
export const APPROVERS: PersonSpec[] = DEMO_APPROVERS.map((person, index) => ({ mri: `29:approver-${index}`, name: person.name, aadObjectId: person.aadObjectId }));
