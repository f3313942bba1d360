import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_AUDIT_FILE, parseAuditVerifyArgs } from '../../scripts/audit-verify';
import { FileAuditLog } from '../../src/storage';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function runScript(args: string[]) {
  const result = spawnSync(TSX, ['scripts/audit-verify.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

async function auditFileWith(count: number): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'defender-verify-'));
  const log = new FileAuditLog({ dataDir });
  for (let index = 0; index < count; index++) {
    await log.append({
      at: new Date(Date.UTC(2025, 2, 1, 9, index)).toISOString(),
      type: 'request.created',
      requestId: `req_${index}`,
      subscriptionIds: ['aaaaaaaa-0000-4000-8000-00000000000a'],
      actor: { id: 'alice', name: 'Alice' },
      details: { index },
    });
  }
  return log.file;
}

describe('scripts/audit-verify.ts', () => {
  it('parses --file, defaults to .data/audit.jsonl and rejects unknown flags', () => {
    assert.deepEqual(parseAuditVerifyArgs([]), { file: DEFAULT_AUDIT_FILE });
    assert.deepEqual(parseAuditVerifyArgs(['--file', '/x/audit.jsonl']), { file: '/x/audit.jsonl' });
    assert.throws(() => parseAuditVerifyArgs(['--file']), /--file needs a value/);
    assert.throws(() => parseAuditVerifyArgs(['--verbose']), /unknown option "--verbose"/);
  });

  it('exits 0 with a one-line OK verdict on an intact log', async () => {
    const file = await auditFileWith(3);
    const { status, output } = runScript(['--file', file]);
    assert.equal(status, 0, output);
    assert.match(output, /^audit-verify: OK .*: 3 entries, last hash [0-9a-f]{64}$/);
  });

  it('exits 1 naming the line when an entry was edited', async () => {
    const file = await auditFileWith(3);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"index":1', '"index":7'));
    const { status, output } = runScript(['--file', file]);
    assert.equal(status, 1);
    assert.match(output, /^audit-verify: BROKEN .*: line 2: hash does not match the content/);
  });

  it('exits 1 when a line was deleted', async () => {
    const file = await auditFileWith(3);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(0, 1);
    writeFileSync(file, lines.join('\n'));
    const { status, output } = runScript(['--file', file]);
    assert.equal(status, 1);
    assert.match(output, /line 1: sequence 2 where 1 was expected/);
  });

  it('exits 1 when the file cannot be read', () => {
    const { status, output } = runScript(['--file', path.join(os.tmpdir(), 'no-such-dir', 'audit.jsonl')]);
    assert.equal(status, 1);
    assert.match(output, /^audit-verify: cannot check \(ENOENT/);
  });
});
