import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config/env';
import { loadConfig, loadStorageLocation } from '../../src/config';
import { readStorageSettings } from '../../src/config/storageSettings';

const AZURITE = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0LWtleQ==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    readStorageSettings(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

describe('readStorageSettings', () => {
  it('defaults to files, and loadConfig carries the choice', () => {
    assert.deepEqual(readStorageSettings({}), { kind: 'file' });
    assert.deepEqual(loadConfig({ DEFENDER_MODE: 'demo' }).storage, { kind: 'file' });
    assert.equal(loadConfig({ DEFENDER_MODE: 'demo', DEFENDER_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: AZURITE }).storage.kind, 'blob');
  });

  it('takes a connection string, with the default container "defender"', () => {
    assert.deepEqual(readStorageSettings({ DEFENDER_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: AZURITE }), {
      kind: 'blob',
      access: { kind: 'connection-string', connectionString: AZURITE },
      container: 'defender',
    });
  });

  it('takes an account URL (managed identity), without its trailing slash, and a container', () => {
    const settings = readStorageSettings({ DEFENDER_STORAGE: 'blob', DEFENDER_STORAGE_ACCOUNT_URL: 'https://stdefender.blob.core.windows.net/', DEFENDER_STORAGE_CONTAINER: 'defender-prod' });
    assert.deepEqual(settings, { kind: 'blob', access: { kind: 'account-url', accountUrl: 'https://stdefender.blob.core.windows.net' }, container: 'defender-prod' });
  });

  const refusals: Array<[string, Record<string, string>, string]> = [
    ['an unknown backend', { DEFENDER_STORAGE: 'cosmos' }, 'DEFENDER_STORAGE'],
    ['blob without any way in', { DEFENDER_STORAGE: 'blob' }, 'DEFENDER_STORAGE'],
    ['both a connection string and an account URL', { DEFENDER_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: AZURITE, DEFENDER_STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net' }, 'AZURE_STORAGE_CONNECTION_STRING'],
    ['a connection string that is not one', { DEFENDER_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'secret-looking-garbage' }, 'AZURE_STORAGE_CONNECTION_STRING'],
    ['an account URL that is not a URL', { DEFENDER_STORAGE: 'blob', DEFENDER_STORAGE_ACCOUNT_URL: 'stdefender' }, 'DEFENDER_STORAGE_ACCOUNT_URL'],
    ['plain http to a remote account', { DEFENDER_STORAGE: 'blob', DEFENDER_STORAGE_ACCOUNT_URL: 'http://stdefender.blob.core.windows.net' }, 'DEFENDER_STORAGE_ACCOUNT_URL'],
    ['an account URL with a SAS token', { DEFENDER_STORAGE: 'blob', DEFENDER_STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net/?sv=2024&sig=abc' }, 'DEFENDER_STORAGE_ACCOUNT_URL'],
    ['an invalid container name', { DEFENDER_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: AZURITE, DEFENDER_STORAGE_CONTAINER: 'Defender_Prod' }, 'DEFENDER_STORAGE_CONTAINER'],
  ];
  for (const [what, env, variable] of refusals) {
    it(`refuses ${what} with one line naming ${variable}`, () => {
      const error = configErrorOf(env);
      assert.equal(error.variable, variable);
      assert.ok(error.message.startsWith(`${variable}: `));
      assert.doesNotMatch(error.message, /\n/);
    });
  }

  it('never repeats a connection string (it may hold the account key) in an error', () => {
    const withKey = 'AccountKey=c2VjcmV0LWtleQ==;Nothing=else';
    const error = configErrorOf({ DEFENDER_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: withKey });
    assert.doesNotMatch(error.message, /c2VjcmV0LWtleQ/);
  });
});

describe('loadStorageLocation', () => {
  it('is the storage part of loadConfig alone: the same data directory and storage settings', () => {
    const env = { DEFENDER_MODE: 'demo', DEFENDER_DATA_DIR: 'state/bot', DEFENDER_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: AZURITE, DEFENDER_STORAGE_CONTAINER: 'audit-box' };
    const { dataDir, storage } = loadConfig(env, '/srv/defender');
    assert.deepEqual(loadStorageLocation(env, '/srv/defender'), { dataDir, storage });
    assert.equal(dataDir, '/srv/defender/state/bot');
    assert.deepEqual(loadStorageLocation({}, '/srv/defender'), { dataDir: '/srv/defender/.data', storage: { kind: 'file' } });
  });

  it('is not stopped by settings that are not about storage', () => {
    assert.throws(() => loadConfig({ DEFENDER_MODE: 'production' }), ConfigError);
    assert.deepEqual(loadStorageLocation({ DEFENDER_MODE: 'production', PORT: 'abc' }, '/srv'), { dataDir: '/srv/.data', storage: { kind: 'file' } });
  });
});
