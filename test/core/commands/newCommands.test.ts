/** Parsing of the fleet, revert, onboard, register, posture and alerts commands. */
import assert from 'node:assert/strict';
import { parseCommand } from '../../../src/core/commands/parseCommand';

describe('parseCommand: fleet, revert, onboard, register, posture, alerts', () => {
  const cases: Array<[string, unknown]> = [
    ['enable sub A, B, C', { kind: 'enableMany', subscriptions: ['A', 'B', 'C'] }],
    ['enable "Contoso Prod", "Woodgrove, Inc" plan P2', { kind: 'enableMany', subscriptions: ['Contoso Prod', 'Woodgrove, Inc'], apiSubPlan: 'P2' }],
    ['enable all', { kind: 'enableMany', subscriptions: 'all' }],
    ['ENABLE ALL p3', { kind: 'enableMany', subscriptions: 'all', apiSubPlan: 'P3' }],
    ['enable "all"', { kind: 'enable', subscription: 'all' }],
    ['enable "Contoso Prod"', { kind: 'enable', subscription: 'Contoso Prod' }],
    ['revert REQ_ABCDEFGHIJKLMNOPQRST', { kind: 'revert', requestId: 'req_abcdefghijklmnopqrst' }],
    ['onboard sub "Contoso Prod"', { kind: 'onboard', subscription: 'Contoso Prod' }],
    ['register approvals channel', { kind: 'registerApprovalChannel' }],
    ['posture sub "Contoso Dev"', { kind: 'posture', subscription: 'Contoso Dev' }],
    ['POSTURE contoso dev', { kind: 'posture', subscription: 'contoso dev' }],
    ['alerts', { kind: 'alerts' }],
    ['alerts "Contoso Dev"', { kind: 'alerts', subscription: 'Contoso Dev' }],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}"`, () => assert.deepEqual(parseCommand(text), expected));
  }

  it('explains what is wrong', () => {
    assert.match((parseCommand('enable A,, B') as { problem: string }).problem, /missing between two commas/);
    assert.match((parseCommand('revert 42') as { problem: string }).problem, /not a request id/);
    assert.match((parseCommand('onboard') as { problem: string }).problem, /which subscription/);
    assert.deepEqual(parseCommand('posture'), { kind: 'invalid', command: 'posture', problem: 'which subscription?', usage: 'posture <subscription>' });
    assert.match((parseCommand('register something') as { problem: string }).problem, /approvers' channel/);
  });
});
