/**
 * Where requests, card locations and the audit log live. `file` (default): DEFENDER_DATA_DIR, one instance.
 * `blob`: an Azure Blob container that several instances share, reached by a connection string (Azurite, keys)
 * or by an account URL with DefaultAzureCredential (managed identity, as infra/azure.bicep deploys it).
 * Error messages never repeat a connection string or a whole URL: they may hold an account key or a SAS token.
 */
import path from 'node:path';
import { ConfigError, Env, readString } from './env';

export type BlobAccess = { kind: 'connection-string'; connectionString: string } | { kind: 'account-url'; accountUrl: string };

export type StorageSettings = { kind: 'file' } | { kind: 'blob'; access: BlobAccess; container: string };

export const DEFAULT_STORAGE_CONTAINER = 'defender';

/** Azure's container rules: 3–63 characters, lower-case letters, digits and single hyphens, starting and ending alphanumeric. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Where the bot keeps requests and its audit chain: what a tool needs to look where the bot does (`npm run audit:verify`). */
export interface StorageLocation {
  dataDir: string;
  storage: StorageSettings;
}

/** The storage part of the bot's configuration alone, so a tool is not stopped by settings it does not use. */
export function loadStorageLocation(env: Env = process.env, cwd: string = process.cwd()): StorageLocation {
  return { dataDir: readDataDir(env, cwd), storage: readStorageSettings(env) };
}

/** DEFENDER_DATA_DIR, resolved against the working directory as `npm start` sees it; default `.data`. */
export function readDataDir(env: Env, cwd: string): string {
  return path.resolve(cwd, readString(env, 'DEFENDER_DATA_DIR') ?? '.data');
}

export function readStorageSettings(env: Env): StorageSettings {
  const kind = readString(env, 'DEFENDER_STORAGE') ?? 'file';
  if (kind === 'file') return { kind: 'file' };
  if (kind !== 'blob') throw new ConfigError('DEFENDER_STORAGE', `"${kind}" is not a storage backend`, 'Use "file" (one instance, the default) or "blob" (several instances)');
  return { kind: 'blob', access: readBlobAccess(env), container: readContainer(env) };
}

function readBlobAccess(env: Env): BlobAccess {
  const connectionString = readString(env, 'AZURE_STORAGE_CONNECTION_STRING');
  const accountUrl = readString(env, 'DEFENDER_STORAGE_ACCOUNT_URL');
  if (connectionString && accountUrl) {
    throw new ConfigError('AZURE_STORAGE_CONNECTION_STRING', 'is set together with DEFENDER_STORAGE_ACCOUNT_URL', 'Set only one: the account URL (with a managed identity) or the connection string');
  }
  if (connectionString) {
    if (!isConnectionString(connectionString)) {
      throw new ConfigError('AZURE_STORAGE_CONNECTION_STRING', 'is not a storage connection string (no AccountName=, BlobEndpoint= or UseDevelopmentStorage=true)', 'Copy it from the storage account\'s "Access keys" blade, or use DEFENDER_STORAGE_ACCOUNT_URL with a managed identity');
    }
    return { kind: 'connection-string', connectionString };
  }
  if (accountUrl) return { kind: 'account-url', accountUrl: validAccountUrl(accountUrl) };
  throw new ConfigError('DEFENDER_STORAGE', 'blob storage needs DEFENDER_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING', 'Set DEFENDER_STORAGE_ACCOUNT_URL=https://<account>.blob.core.windows.net (managed identity), or a connection string');
}

function isConnectionString(value: string): boolean {
  return /(^|;)\s*(AccountName|BlobEndpoint)=/i.test(value) || /(^|;)\s*UseDevelopmentStorage=true/i.test(value);
}

/** The account's blob endpoint, without a trailing slash; https except on loopback (Azurite). */
function validAccountUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DEFENDER_STORAGE_ACCOUNT_URL', 'is not a URL', 'Use the blob endpoint, e.g. https://<account>.blob.core.windows.net');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError('DEFENDER_STORAGE_ACCOUNT_URL', 'carries a query, fragment or user info (a SAS token?)', 'Give only the endpoint; access comes from the managed identity');
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure) throw new ConfigError('DEFENDER_STORAGE_ACCOUNT_URL', `"${url.origin}" is not https`, 'Use the https blob endpoint, e.g. https://<account>.blob.core.windows.net');
  return url.toString().replace(/\/+$/, '');
}

function readContainer(env: Env): string {
  const container = readString(env, 'DEFENDER_STORAGE_CONTAINER') ?? DEFAULT_STORAGE_CONTAINER;
  if (!CONTAINER_NAME.test(container)) {
    throw new ConfigError('DEFENDER_STORAGE_CONTAINER', `"${container}" is not a valid container name`, 'Use 3 to 63 lower-case letters, digits and single hyphens, e.g. "defender"');
  }
  return container;
}
