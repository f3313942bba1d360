/**
 * Storage for this run: requests, card locations and the audit log. Files under DEFENDER_DATA_DIR by default
 * (one instance); DEFENDER_STORAGE=blob puts them in one Azure Blob container that several instances share.
 */
import { createArmCredential } from '../azure/credentials';
import type { AppConfig } from '../config';
import type { StorageSettings } from '../config/storageSettings';
import type { KeyValueStore } from '../core/keyValueStore';
import type { AuditLog } from '../core/audit/auditLog';
import { FileAuditLog } from '../storage/fileAuditLog';
import { FileStorage } from '../storage/fileStorage';
import { DataDirectoryLock } from '../storage/dataDirectoryLock';
import { azureCredentialOptions } from './azureIdentity';

export interface StorageConnection {
  store: KeyValueStore;
  audit: AuditLog;
  /** Named in /readyz and the start-up log; never holds a key or token. */
  description: string;
  /** Waits for in-flight writes. */
  flush(): Promise<void>;
  /** Shutdown: flush, then let go of the data directory so the next bot can start on it. */
  close(): Promise<void>;
}

export type StorageConfig = Pick<AppConfig, 'dataDir'> & Partial<Pick<AppConfig, 'storage' | 'botCredentials' | 'cloud'>>;

export async function connectStorage(config: StorageConfig): Promise<StorageConnection> {
  const settings: StorageSettings = config.storage ?? { kind: 'file' };
  if (settings.kind === 'blob') return connectBlob(settings, config);
  // Taken here and not in FileStorage: tests build several FileStorage objects over one directory on purpose.
  const lock = await DataDirectoryLock.acquire(config.dataDir);
  const store = new FileStorage({ dataDir: config.dataDir });
  const audit = new FileAuditLog({ dataDir: config.dataDir });
  try {
    // A tampered or half-written log stops the bot here, before it takes traffic.
    await audit.initialise();
  } catch (error) {
    await lock.release();
    throw error;
  }
  const flush = async () => {
    await store.flush();
    await audit.flush();
  };
  return {
    store,
    audit,
    description: `files in ${config.dataDir}`,
    flush,
    async close() {
      await flush();
      await lock.release();
    },
  };
}

async function connectBlob(settings: Extract<StorageSettings, { kind: 'blob' }>, config: StorageConfig): Promise<StorageConnection> {
  // An account URL authenticates as the bot's managed identity (the same one ARM uses, in the same cloud), else any DefaultAzureCredential source.
  const credential = settings.access.kind === 'account-url' ? createArmCredential(azureCredentialOptions(config)) : undefined;
  // Loaded only in blob mode: the Azure Storage SDK costs a third of a second at start-up.
  const { connectBlobStorage } = await import('../storage/blobConnection');
  const { store, audit, endpoint } = await connectBlobStorage({ access: settings.access, container: settings.container, credential });
  const flush = async () => {
    await store.flush();
    await audit.flush();
  };
  return { store, audit, description: `blob container ${endpoint}`, flush, close: flush };
}
