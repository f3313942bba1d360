import assert from 'node:assert/strict';
import { GENESIS_HASH, canonicalJson, sealEntry, verifyAuditChain, type AuditEntry, type AuditEvent } from '../../../src/core/audit';

function event(index: number): AuditEvent {
  return {
    at: new Date(Date.UTC(2025, 2, 1, 9, index)).toISOString(),
    type: index === 0 ? 'request.created' : 'request.approval-recorded',
    requestId: 'req_aaaaaaaaaaaaaaaaaaaa',
    subscriptionIds: ['aaaaaaaa-0000-4000-8000-00000000000a'],
    actor: { id: `person-${index}`, name: `Person ${index}` },
    details: { index, nested: { b: 2, a: 1 } },
  };
}

function chainOf(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let index = 0; index < length; index++) entries.push(sealEntry(event(index), entries[entries.length - 1]));
  return entries;
}

const lines = (entries: AuditEntry[]) => [...entries.map((entry) => JSON.stringify(entry)), ''];

describe('audit hash chain', () => {
  it('starts from 64 zeros, numbers entries and links each to the previous hash', () => {
    const [first, second] = chainOf(2);
    assert.equal(first.prevHash, GENESIS_HASH);
    assert.equal(GENESIS_HASH, '0'.repeat(64));
    assert.deepEqual([first.seq, second.seq], [1, 2]);
    assert.equal(second.prevHash, first.hash);
    assert.match(first.hash, /^[0-9a-f]{64}$/);
  });

  it('hashes a canonical form: key order does not matter, content does', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    const reordered = { ...event(0), details: { nested: { a: 1, b: 2 }, index: 0 } };
    assert.equal(sealEntry(reordered, undefined).hash, sealEntry(event(0), undefined).hash);
    assert.notEqual(sealEntry({ ...event(0), at: '2025-03-01T09:00:00.001Z' }, undefined).hash, sealEntry(event(0), undefined).hash);
  });

  it('accepts an intact chain and an empty log', () => {
    assert.deepEqual(verifyAuditChain(lines(chainOf(5))).ok, true);
    assert.equal(verifyAuditChain(lines(chainOf(5))).entries.length, 5);
    assert.deepEqual(verifyAuditChain(['']), { ok: true, entries: [] });
  });

  it('catches an edited line, naming it', () => {
    const text = lines(chainOf(5));
    text[2] = text[2].replace('Person 2', 'Someone Else');
    const verdict = verifyAuditChain(text);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.firstBadLine, 3);
    assert.match(verdict.problem ?? '', /line 3: hash does not match the content \(the line was edited\)/);
    assert.equal(verdict.entries.length, 2);
  });

  it('catches an edit that also recomputes the edited line\'s own hash', () => {
    const entries = chainOf(4);
    const forged = { ...entries[1], actor: { id: 'mallory', name: 'Mallory' } };
    const { hash: _old, ...unsealed } = forged;
    const resealed = sealEntry({ ...unsealed }, entries[0]);
    const text = lines([entries[0], resealed, entries[2], entries[3]]);
    const verdict = verifyAuditChain(text);
    assert.equal(verdict.firstBadLine, 3, 'the next line no longer links to it');
  });

  it('catches a deleted line', () => {
    const text = lines(chainOf(5));
    text.splice(1, 1);
    const verdict = verifyAuditChain(text);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.firstBadLine, 2);
    assert.match(verdict.problem ?? '', /sequence 3 where 2 was expected/);
  });

  it('catches reordered lines', () => {
    const text = lines(chainOf(5));
    [text[3], text[4]] = [text[4], text[3]];
    assert.equal(verifyAuditChain(text).firstBadLine, 4);
  });

  it('catches a non-JSON line and a truncated tail when the last hash is known', () => {
    const text = lines(chainOf(3));
    assert.match(verifyAuditChain([text[0], 'garbage', text[2]]).problem ?? '', /line 2: not valid JSON/);
    const entries = chainOf(3);
    assert.equal(verifyAuditChain(lines(entries.slice(0, 2)), { expectedLastHash: entries[2].hash }).ok, false);
    assert.equal(verifyAuditChain(lines(entries), { expectedLastHash: entries[2].hash }).ok, true);
  });
});
