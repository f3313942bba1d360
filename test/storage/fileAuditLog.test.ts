import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditChain, type AuditEvent } from '../../src/core/audit';
import { FileAuditLog } from '../../src/storage';

const SUB_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const SUB_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'defender-audit-'));

function event(requestId: string, subscriptionId: string, minute = 0): AuditEvent {
  return {
    at: new Date(Date.UTC(2025, 2, 1, 9, minute)).toISOString(),
    type: 'request.created',
    requestId,
    subscriptionIds: [subscriptionId],
    actor: { id: 'alice', name: 'Alice' },
    details: {},
  };
}

describe('FileAuditLog', () => {
  it('serialises 40 concurrent appends into one unbroken chain of JSON lines', async () => {
    const dataDir = tempDir();
    const log = new FileAuditLog({ dataDir });
    const entries = await Promise.all(Array.from({ length: 40 }, (_, index) => log.append(event(`req_${index}`, SUB_A, index))));
    assert.deepEqual(entries.map((entry) => entry.seq), Array.from({ length: 40 }, (_, index) => index + 1));
    const lines = readFileSync(path.join(dataDir, 'audit.jsonl'), 'utf8').split('\n');
    const verdict = verifyAuditChain(lines);
    assert.equal(verdict.ok, true, verdict.problem);
    assert.equal(verdict.entries.length, 40);
  });

  it('lists newest first, filtered by subscription (any case) or request, limited', async () => {
    const log = new FileAuditLog({ dataDir: tempDir() });
    await log.append(event('req_1', SUB_A, 1));
    await log.append(event('req_2', SUB_B, 2));
    await log.append(event('req_3', SUB_A, 3));
    assert.deepEqual((await log.list({ limit: 10 })).map((entry) => entry.requestId), ['req_3', 'req_2', 'req_1']);
    assert.deepEqual((await log.list({ subscriptionId: SUB_A.toUpperCase(), limit: 10 })).map((entry) => entry.requestId), ['req_3', 'req_1']);
    assert.deepEqual((await log.list({ subscriptionId: SUB_A, limit: 1 })).map((entry) => entry.requestId), ['req_3']);
    assert.deepEqual((await log.list({ requestId: 'req_2', limit: 5 })).map((entry) => entry.seq), [2]);
  });

  it('continues the chain after a restart', async () => {
    const dataDir = tempDir();
    await new FileAuditLog({ dataDir }).append(event('req_1', SUB_A));
    const next = await new FileAuditLog({ dataDir }).append(event('req_2', SUB_A));
    assert.equal(next.seq, 2);
    assert.equal(verifyAuditChain(readFileSync(path.join(dataDir, 'audit.jsonl'), 'utf8').split('\n')).ok, true);
  });

  it('cuts off a partial last line left by a crash mid-append, then appends cleanly', async () => {
    const dataDir = tempDir();
    const first = new FileAuditLog({ dataDir });
    await first.append(event('req_1', SUB_A));
    appendFileSync(path.join(dataDir, 'audit.jsonl'), '{"seq":2,"at":"2025-03-01T09:');
    const restarted = new FileAuditLog({ dataDir });
    const entry = await restarted.append(event('req_2', SUB_A));
    assert.equal(entry.seq, 2);
    const verdict = verifyAuditChain(readFileSync(path.join(dataDir, 'audit.jsonl'), 'utf8').split('\n'));
    assert.equal(verdict.ok, true, verdict.problem);
  });

  it('refuses to append to a tampered log, saying what to do', async () => {
    const dataDir = tempDir();
    await new FileAuditLog({ dataDir }).append(event('req_1', SUB_A));
    await new FileAuditLog({ dataDir }).append(event('req_2', SUB_A));
    const file = path.join(dataDir, 'audit.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Alice', 'Eve'));
    const restarted = new FileAuditLog({ dataDir });
    await assert.rejects(restarted.initialise(), { code: 'AuditLogCorrupt', message: /line 1: hash does not match.*keep the file as evidence/ });
    await assert.rejects(restarted.append(event('req_3', SUB_A)), { code: 'AuditLogCorrupt' });
  });
});
