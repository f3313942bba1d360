/**
 * `npm run audit:verify` as an operator runs it: a real process reading the bot's own storage settings, on both stores
 * (files, and append blobs on a real Azurite), plus `--file`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { parseAuditVerifyArgs, runAuditVerify } from '../../scripts/audit-verify';
import type { AuditLog } from '../../src/core/audit/auditLog';
import { FileAuditLog } from '../../src/storage';
import { BlobAuditLog } from '../../src/storage/blobAuditLog';
import { startAzurite, uniqueContainerName, type RunningAzurite } from '../support/azurite';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** The script in a real process with only the given environment (as the bot would have it), from the repo root. */
function runScript(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(TSX, ['scripts/audit-verify.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

async function appendEntries(log: AuditLog, count: number): Promise<void> {
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
}

/** Every data directory the tests made, removed once they are done. */
const dataDirs: string[] = [];

function newDataDir(): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'defender-verify-'));
  dataDirs.push(dataDir);
  return dataDir;
}

async function dataDirWith(count: number): Promise<{ dataDir: string; file: string }> {
  const dataDir = newDataDir();
  const log = new FileAuditLog({ dataDir });
  await appendEntries(log, count);
  return { dataDir, file: log.file };
}

describe('scripts/audit-verify.ts', function () {
  this.timeout(60_000);
  after(() => {
    for (const dataDir of dataDirs.splice(0)) rmSync(dataDir, { recursive: true, force: true });
  });

  it('parses --file and --expect-last-hash, and rejects unknown or incomplete flags', () => {
    assert.deepEqual(parseAuditVerifyArgs([]), {}, 'no --file: the bot\'s configured store');
    assert.deepEqual(parseAuditVerifyArgs(['--file', '/x/audit.jsonl', '--expect-last-hash', 'ab']), { file: '/x/audit.jsonl', expectedLastHash: 'ab' });
    assert.throws(() => parseAuditVerifyArgs(['--file']), /--file needs a value/);
    assert.throws(() => parseAuditVerifyArgs(['--verbose']), /unknown option "--verbose"/);
  });

  describe('file store', () => {
    it('without --file, checks audit.jsonl in DEFENDER_DATA_DIR (not .data): a clean chain passes', async () => {
      const { dataDir, file } = await dataDirWith(3);
      const { status, output } = runScript([], { DEFENDER_DATA_DIR: dataDir });
      assert.equal(status, 0, output);
      assert.equal(output, `audit-verify: OK ${file}: 3 entries, last hash ${JSON.parse(readFileSync(file, 'utf8').split('\n')[2]).hash}`);
    });

    it('without --file, an edited entry in DEFENDER_DATA_DIR fails naming its line and entry', async () => {
      const { dataDir, file } = await dataDirWith(3);
      writeFileSync(file, readFileSync(file, 'utf8').replace('"index":1', '"index":7'));
      const { status, output } = runScript([], { DEFENDER_DATA_DIR: dataDir });
      assert.equal(status, 1);
      assert.equal(output, `audit-verify: BROKEN ${file}: line 2 (entry 2): hash does not match the content (the line was edited)`);
    });

    it('says where it looked when DEFENDER_DATA_DIR holds no audit log', async () => {
      const dataDir = newDataDir();
      const { line, exitCode } = await runAuditVerify([], { env: { DEFENDER_DATA_DIR: dataDir }, cwd: ROOT });
      assert.equal(exitCode, 1);
      assert.equal(line, `audit-verify: cannot check (AuditLogMissing: there is no audit log at ${path.join(dataDir, 'audit.jsonl')}. Set DEFENDER_DATA_DIR as the bot has it, or pass --file <path>.)`);
    });

    it('a bad storage setting is named like the bot names it', async () => {
      const { line, exitCode } = await runAuditVerify([], { env: { DEFENDER_STORAGE: 'tape' } });
      assert.equal(exitCode, 1);
      assert.match(line, /^audit-verify: cannot check \(DEFENDER_STORAGE: "tape" is not a storage backend/);
    });
  });

  describe('--file', () => {
    it('exits 0 with a one-line OK verdict on an intact log', async () => {
      const { file } = await dataDirWith(3);
      const { status, output } = runScript(['--file', file]);
      assert.equal(status, 0, output);
      assert.match(output, /^audit-verify: OK .*: 3 entries, last hash [0-9a-f]{64}$/);
    });

    it('exits 1 naming the line when an entry was edited', async () => {
      const { file } = await dataDirWith(3);
      writeFileSync(file, readFileSync(file, 'utf8').replace('"index":1', '"index":7'));
      const { status, output } = runScript(['--file', file]);
      assert.equal(status, 1);
      assert.match(output, /^audit-verify: BROKEN .*: line 2 \(entry 2\): hash does not match the content/);
    });

    it('exits 1 when a line was deleted', async () => {
      const { file } = await dataDirWith(3);
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.splice(0, 1);
      writeFileSync(file, lines.join('\n'));
      const { line, exitCode } = await runAuditVerify(['--file', file]);
      assert.equal(exitCode, 1);
      assert.match(line, /line 1 \(entry 1\): sequence 2 where 1 was expected/);
    });

    it('exits 1 when the end was cut off and --expect-last-hash knows the real last entry', async () => {
      const { file } = await dataDirWith(3);
      const lines = readFileSync(file, 'utf8').split('\n');
      const lastHash = JSON.parse(lines[2]).hash as string;
      writeFileSync(file, `${lines.slice(0, 2).join('\n')}\n`);
      const { line, exitCode } = await runAuditVerify(['--file', file, '--expect-last-hash', lastHash]);
      assert.equal(exitCode, 1);
      assert.equal(line, `audit-verify: BROKEN ${file}: after entry 2: the last entry is not the expected one (the end of the log was removed)`);
    });

    it('exits 1 when the file cannot be read', async () => {
      const missing = path.join(os.tmpdir(), 'no-such-dir', 'audit.jsonl');
      const { line, exitCode } = await runAuditVerify(['--file', missing]);
      assert.equal(exitCode, 1);
      assert.match(line, /^audit-verify: cannot check \(AuditLogMissing: there is no audit log at .*no-such-dir/);
    });
  });

  describe('blob store (DEFENDER_STORAGE=blob, Azurite)', () => {
    let azurite: RunningAzurite;
    before(async () => (azurite = await startAzurite()));
    after(async () => azurite?.stop());

    /** A chain of `count` entries as the bot writes it, cut into segments of two entries so it spans several blobs. */
    async function blobChainWith(count: number): Promise<ContainerClient> {
      const container = new ContainerClient(azurite.connectionString, uniqueContainerName('verify'));
      await container.create();
      await appendEntries(new BlobAuditLog({ container, entriesPerSegment: 2 }), count);
      return container;
    }

    const botEnv = (container: ContainerClient) => ({
      DEFENDER_STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      DEFENDER_STORAGE_CONTAINER: container.containerName,
    });

    it('a clean chain across several append blobs passes, naming the container and never the key', async () => {
      const container = await blobChainWith(5);
      const { status, output } = runScript([], botEnv(container));
      assert.equal(status, 0, output);
      assert.match(output, new RegExp(`^audit-verify: OK blob container ${azurite.blobEndpoint}/${container.containerName}: 5 entries, last hash [0-9a-f]{64}$`));
      assert.doesNotMatch(output, /AccountKey|Eby8/);
    });

    it('an edited entry fails naming its segment, line and entry', async () => {
      const container = await blobChainWith(5);
      // What someone with write access to the container could do: rewrite a segment with one entry changed.
      const segment = container.getAppendBlobClient('audit/chain-000001.jsonl');
      const edited = (await segment.downloadToBuffer()).toString('utf8').replace('"index":2', '"index":9');
      await segment.delete();
      await segment.create();
      await segment.appendBlock(edited, Buffer.byteLength(edited));

      const { status, output } = runScript([], botEnv(container));
      assert.equal(status, 1);
      assert.equal(output, `audit-verify: BROKEN blob container ${azurite.blobEndpoint}/${container.containerName}: audit/chain-000001.jsonl line 1 (entry 3): hash does not match the content (the line was edited)`);
    });

    it('a container that does not exist is named, with the variable to check', async () => {
      const { line, exitCode } = await runAuditVerify([], { env: { ...botEnv(new ContainerClient(azurite.connectionString, 'no-such-container')) } });
      assert.equal(exitCode, 1);
      assert.equal(line, `audit-verify: cannot check (AuditContainerMissing: blob container ${azurite.blobEndpoint}/no-such-container does not exist. Set DEFENDER_STORAGE_CONTAINER as the bot has it.)`);
    });
  });
});
