import assert from 'node:assert/strict';
import { isActionPermitted, matchesAction } from '../../src/azure/permissions';

const WRITE = 'Microsoft.Security/pricings/write';

describe('ARM permission evaluation', () => {
  it('matches case-insensitively and expands * across segments', () => {
    assert.equal(matchesAction('microsoft.security/PRICINGS/write', WRITE), true);
    assert.equal(matchesAction('*', WRITE), true);
    assert.equal(matchesAction('Microsoft.Security/*', WRITE), true);
    assert.equal(matchesAction('*/write', WRITE), true);
    assert.equal(matchesAction('*/read', WRITE), false);
    assert.equal(matchesAction('Microsoft.Security/pricings/read', WRITE), false);
    // A dot in the pattern is literal, not "any character".
    assert.equal(matchesAction('Microsoft.Security/pricings/write', 'MicrosoftXSecurity/pricings/write'), false);
  });

  it('Owner/Contributor-style * grants the write; Reader does not', () => {
    assert.equal(isActionPermitted([{ actions: ['*'], notActions: [] }], WRITE), true);
    assert.equal(isActionPermitted([{ actions: ['*/read'], notActions: [] }], WRITE), false);
    assert.equal(isActionPermitted([], WRITE), false);
  });

  it('notActions subtract from the same entry only, and any entry may grant', () => {
    const denied = { actions: ['*'], notActions: ['Microsoft.Security/*/write'] };
    assert.equal(isActionPermitted([denied], WRITE), false);
    const securityAdmin = { actions: ['Microsoft.Security/*'], notActions: [] };
    assert.equal(isActionPermitted([denied, securityAdmin], WRITE), true);
  });
});
