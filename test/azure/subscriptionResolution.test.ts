import assert from 'node:assert/strict';
import { resolveFromList } from '../../src/azure/subscriptionDirectory';

const visible = [
  { subscriptionId: '11111111-1111-1111-1111-111111111111', displayName: 'Contoso Prod' },
  { subscriptionId: '22222222-2222-2222-2222-222222222222', displayName: 'Contoso Prod EU' },
  { subscriptionId: '33333333-3333-3333-3333-333333333333', displayName: 'Fabrikam Dev' },
];

describe('resolveFromList', () => {
  it('finds by GUID and by exact name, case-insensitively; the exact name beats substrings', () => {
    assert.equal(resolveFromList('33333333-3333-3333-3333-333333333333', visible).kind, 'found');
    const exact = resolveFromList('contoso prod', visible);
    assert.deepEqual(exact, { kind: 'found', subscription: visible[0] });
  });

  it('finds a unique substring, reports several as ambiguous, none as not-found with the visible list', () => {
    assert.deepEqual(resolveFromList('fabrikam', visible), { kind: 'found', subscription: visible[2] });
    assert.deepEqual(resolveFromList('CONTOSO', visible), { kind: 'ambiguous', query: 'CONTOSO', candidates: [visible[0], visible[1]] });
    assert.deepEqual(resolveFromList('northwind', visible), { kind: 'not-found', query: 'northwind', visible });
  });

  it('does not substring-match an unknown GUID', () => {
    assert.equal(resolveFromList('44444444-4444-4444-4444-444444444444', visible).kind, 'not-found');
  });
});
