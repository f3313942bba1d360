import assert from 'node:assert/strict';
import { lookAlikeFinder, nameSkeleton } from '../../src/core/lookAlike';

describe('look-alike subscription names', () => {
  it('maps confusable letters, case, width, whitespace and invisible characters to one skeleton', () => {
    const plain = nameSkeleton('Contoso Prod');
    for (const lookAlike of [
      'Cοntoso Prod', // Greek omicron
      'Contoso Prоd', // Cyrillic o
      'Сontoso Prod', // Cyrillic Es
      'ContosoProd',
      'Contoso  Prod',
      'Contoso\u00a0Prod', // no-break space
      'Con\u200btoso Prod', // zero-width space
      'CONTOSO PROD',
      'Ｃｏｎｔｏｓｏ Ｐｒｏｄ', // full width
      'C0ntoso Prod',
    ]) {
      assert.equal(nameSkeleton(lookAlike), plain, JSON.stringify(lookAlike));
    }
    assert.equal(nameSkeleton('Contoso lnternal'), nameSkeleton('Contoso Internal'), 'capital I passes for small l');
    assert.equal(nameSkeleton('Modern'), nameSkeleton('Modem'), 'rn passes for m');
    assert.notEqual(nameSkeleton('Contoso Prod'), nameSkeleton('Contoso Dev'));
  });

  it('finds the other subscriptions whose names look alike, never the subscription itself', () => {
    const prod = { subscriptionId: '3f6d2a9e-8b41-4c7e-9a15-2d8e7b0c4f11', displayName: 'Contoso Prod' };
    const fake = { subscriptionId: 'f0000000-0000-4000-8000-000000000001', displayName: 'Cοntoso Prod' };
    const dev = { subscriptionId: '7a2e91c4-5d3b-4f08-b6e2-91c0d4a8e372', displayName: 'Contoso Dev' };
    const find = lookAlikeFinder([prod, fake, dev]);
    assert.deepEqual(find(prod), [fake]);
    assert.deepEqual(find(fake), [prod]);
    assert.deepEqual(find(dev), []);
  });
});
