import assert from 'node:assert/strict';
import { findUnresolvedPlaceholders, validateAdaptiveCard } from './validateCard';

const validBase = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5' };

describe('validateAdaptiveCard (the helper itself must be able to fail)', () => {
  it('accepts a minimal valid card', () => {
    assert.deepEqual(validateAdaptiveCard({ ...validBase, body: [{ type: 'TextBlock', text: 'hi' }] }), []);
  });

  it('reports unknown elements, bad enum values, wrong version and oversize cards', () => {
    const problems = validateAdaptiveCard({
      ...validBase,
      version: '1.2',
      body: [{ type: 'Bogus' }, { type: 'TextBlock', text: 'x', color: 'Purple' }, { type: 'TextBlock', text: 'y'.repeat(41_000) }],
    });
    assert.ok(problems.some((problem) => problem.includes('version')), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.includes('Bogus')), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.includes('Purple')), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.includes('bytes')), problems.join('\n'));
  });

  it('reports an Action.Execute without a matching Action.Submit fallback, and duplicate input ids', () => {
    const problems = validateAdaptiveCard({
      ...validBase,
      body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }],
      actions: [{ type: 'Action.Execute', title: 'Go', verb: 'v', data: { id: 1 } }],
    });
    assert.ok(problems.some((problem) => problem.includes('fallback')), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.toLowerCase().includes('duplicate')), problems.join('\n'));
  });

  it('finds placeholders left by expansion', () => {
    assert.deepEqual(findUnresolvedPlaceholders({ text: 'a ${missing} b' }), ['${missing}']);
  });
});
