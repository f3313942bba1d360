/**
 * How the bot reaches its blob container, shared by the request store (BlobsStorage) and the audit log:
 * one set of pipeline options (short retries, so a user waits seconds rather than minutes when storage is down),
 * a description without secrets, and errors that say which variable to check.
 */
import type { TokenCredential } from '@azure/identity';
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { BlobAccess } from '../config/storageSettings';

export interface BlobTarget {
  access: BlobAccess;
  container: string;
  /** Used with an account URL (DefaultAzureCredential in production); ignored for a connection string. */
  credential?: TokenCredential;
}

/** Three tries within about 16 s at worst: a Teams invoke must be answered in well under a minute. */
export const BLOB_PIPELINE_OPTIONS: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000, tryTimeoutInMs: 5_000 },
};

export function createContainerClient(target: BlobTarget, options: StoragePipelineOptions = BLOB_PIPELINE_OPTIONS): ContainerClient {
  if (target.access.kind === 'connection-string') return new ContainerClient(target.access.connectionString, target.container, options);
  if (!target.credential) throw new Error('BlobCredentialMissing: an account URL needs a credential; pass DefaultAzureCredential.');
  return new ContainerClient(containerUrlOf(target.access.accountUrl, target.container), target.credential, options);
}

export function containerUrlOf(accountUrl: string, container: string): string {
  return `${accountUrl.replace(/\/+$/, '')}/${container}`;
}

/** The container's URL without any query (a SAS connection string puts its token there). Never holds a key. */
export function describeContainer(client: ContainerClient): string {
  const url = new URL(client.url);
  return `${url.origin}${url.pathname}`;
}

/** The variable an operator should look at when the endpoint misbehaves. */
export function accessVariable(access: BlobAccess): string {
  return access.kind === 'connection-string' ? 'AZURE_STORAGE_CONNECTION_STRING' : 'DEFENDER_STORAGE_ACCOUNT_URL';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'REQUEST_SEND_ERROR', 'AbortError']);

/** The network-level reason (ECONNREFUSED, ENOTFOUND, …) if the blob endpoint could not be talked to at all. */
export function networkFailureCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    if (name === 'AbortError' || name === 'TimeoutError') return 'timed out';
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export class BlobStorageError extends Error {
  override readonly name = 'BlobStorageError';
  constructor(readonly code: string, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
  }
}

/** Turns a failed first contact into one line an operator can act on. */
export function explainStartupFailure(error: unknown, endpoint: string, access: BlobAccess): BlobStorageError {
  const variable = accessVariable(access);
  const network = networkFailureCode(error);
  if (network) {
    return new BlobStorageError('BlobStorageUnreachable', `DEFENDER_STORAGE=blob: cannot reach the blob endpoint ${endpoint} (${network}). Check ${variable} and the network.`, { cause: error });
  }
  const { statusCode, code, name } = error as { statusCode?: number; code?: string; name?: string };
  if (statusCode === 403 || statusCode === 401) {
    return new BlobStorageError('BlobStorageForbidden', `DEFENDER_STORAGE=blob: ${endpoint} refused access (${statusCode} ${code ?? ''}). Give the bot's identity the "Storage Blob Data Contributor" role on the account, or check the key in ${variable}.`, { cause: error });
  }
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationError' || name === 'AggregateAuthenticationError') {
    return new BlobStorageError('BlobStorageCredential', `DEFENDER_STORAGE=blob: no Azure credential could get a token for ${endpoint}. Set AZURE_CLIENT_ID to the managed identity's client id, or run "az login" when developing.`, { cause: error });
  }
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new BlobStorageError('BlobStorageFailed', `DEFENDER_STORAGE=blob: the container at ${endpoint} could not be prepared (${statusCode ?? code ?? 'error'}: ${detail}). Check ${variable}.`, { cause: error });
}
