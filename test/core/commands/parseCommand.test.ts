import assert from 'node:assert/strict';
import { parseCommand, normaliseCommandText } from '../../../src/core/commands/parseCommand';
import { closestCommand } from '../../../src/core/commands/closestCommand';

describe('parseCommand', () => {
  const GUID = '1b2c3d4e-0000-4000-8000-00000000c0de';

  it('reads every command, case-insensitively', () => {
    assert.deepEqual(parseCommand('HELP'), { kind: 'help' });
    assert.deepEqual(parseCommand('List'), { kind: 'list' });
    assert.deepEqual(parseCommand('requests'), { kind: 'requests' });
    assert.deepEqual(parseCommand('history'), { kind: 'history' });
    assert.deepEqual(parseCommand('Status sub Contoso Prod'), { kind: 'status', subscription: 'Contoso Prod' });
  });

  it('makes the word `sub` optional and accepts quotes, GUIDs and curly quotes', () => {
    assert.deepEqual(parseCommand(`status ${GUID}`), { kind: 'status', subscription: GUID });
    assert.deepEqual(parseCommand('status "Contoso Prod"'), { kind: 'status', subscription: 'Contoso Prod' });
    assert.deepEqual(parseCommand('status subscription “Contoso Prod”'), { kind: 'status', subscription: 'Contoso Prod' });
    assert.deepEqual(parseCommand('history sub "Contoso Dev"'), { kind: 'history', subscription: 'Contoso Dev' });
  });

  it('reads the Defender for APIs plan of enable, with or without the word plan', () => {
    assert.deepEqual(parseCommand('enable sub "Contoso Prod" plan p3'), { kind: 'enable', subscription: 'Contoso Prod', apiSubPlan: 'P3' });
    assert.deepEqual(parseCommand('enable Contoso Prod P2'), { kind: 'enable', subscription: 'Contoso Prod', apiSubPlan: 'P2' });
    assert.deepEqual(parseCommand('enable Contoso Prod'), { kind: 'enable', subscription: 'Contoso Prod' });
  });

  it('explains a bad plan or a missing subscription instead of guessing', () => {
    const badPlan = parseCommand('enable "Contoso Prod" plan P9');
    assert.equal(badPlan.kind, 'invalid');
    assert.match((badPlan as { problem: string }).problem, /P9.*P1, P2, P3, P4, P5/);
    assert.deepEqual(parseCommand('status'), { kind: 'invalid', command: 'status', problem: 'which subscription?', usage: 'status <subscription>' });
    assert.equal(parseCommand('enable plan P2').kind, 'invalid');
  });

  it('strips Teams mentions and markup, as a channel message carries them', () => {
    assert.deepEqual(parseCommand('<at>defender</at> status sub X'), { kind: 'status', subscription: 'X' });
    assert.deepEqual(parseCommand('<p><at>Defender</at>&nbsp;list</p>'), { kind: 'list' });
    assert.equal(normaliseCommandText('  <at>d</at>\u00a0help  '), 'help');
  });

  it('suggests the closest command for a typo, and nothing for chatter', () => {
    assert.deepEqual(parseCommand('stauts prod'), { kind: 'unknown', text: 'stauts prod', suggestion: 'status' });
    assert.equal(closestCommand('enabel'), 'enable');
    assert.equal(closestCommand('hello'), undefined);
    assert.equal(closestCommand('lst'), 'list');
  });

  it('refuses text over the length limit without parsing it', () => {
    const command = parseCommand('status ' + 'x'.repeat(600));
    assert.equal(command.kind, 'unknown');
    assert.equal((command as { suggestion?: string }).suggestion, undefined);
  });
});
