/** `npm start` with DEFENDER_STORAGE=blob and nothing listening: one clear line and a non-zero exit, quickly. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectionStringFor, freePort } from '../support/azurite';
import { runBot } from '../support/botProcess';

describe('a bot process whose blob store is unreachable at start-up', function () {
  this.timeout(60_000);

  it('exits non-zero naming the endpoint, the cause and the variable to check, without the key', async () => {
    const closedPort = await freePort();
    const folder = mkdtempSync(path.join(os.tmpdir(), 'defender-blob-startup-'));
    try {
      const started = Date.now();
      const bot = runBot({
        DEFENDER_MODE: 'demo',
        PORT: '0',
        DEFENDER_SIMULATOR_PORT: '0',
        DEFENDER_DATA_DIR: folder,
        DEFENDER_STORAGE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: connectionStringFor(`http://127.0.0.1:${closedPort}/devstoreaccount1`),
      });
      assert.equal(await bot.exited, 1);
      const { stdout, stderr } = bot.output();
      assert.match(stderr, new RegExp(`The bot could not start: BlobStorageUnreachable: DEFENDER_STORAGE=blob: cannot reach the blob endpoint http://127\\.0\\.0\\.1:${closedPort}/devstoreaccount1/defender \\(ECONNREFUSED\\)\\. Check AZURE_STORAGE_CONNECTION_STRING and the network\\.`));
      assert.doesNotMatch(stdout + stderr, /AccountKey|Eby8vdM02/);
      assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
