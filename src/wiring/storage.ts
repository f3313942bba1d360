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
import { LEDGER_KEY_PREFIX } from '../bot/guards/redeliveryGuard';

export interface StorageConnection {
  store: KeyValueStore;
  /** Where the activity ledger remembers the activities it has seen (see activityLedgerFileStore). */
  ledgerStore: KeyValueStore;
  audit: AuditLog;
  /** Named in /readyz and the start-up log; never holds a key or token. */
  description: string;
  /** Waits for in-flight writes. */
  flush(): Promise<void>;
  /** Shutdown: flush, then let go of the data directory so the next bot can start on it. */
  close(): Promise<void>;
}

/**
 * The file store of the activity ledger (guards/redeliveryGuard.ts): its own directory, so its thousands of small
 * entries never slow a listing of the requests, and no fsync, because the ledger is written on every message before
 * any handler runs. Teams redelivers within about 15 s; a machine that lost power is not back that fast, so an entry
 * a power cut loses costs nothing, while a killed process keeps every entry it wrote.
 */
export function activityLedgerFileStore(dataDir: string): FileStorage {
  return new FileStorage({ dataDir, subdirectory: 'seen', survives: 'process-crash' });
}

/** Ledger entries written before the ledger had its own directory: they matter for two hours only, so they go. */
async function forgetLedgerEntriesIn(store: FileStorage): Promise<void> {
  const keys = await store.listKeys(LEDGER_KEY_PREFIX);
  if (keys.length) await store.delete(keys);
}

export type StorageConfig = Pick<AppConfig, 'dataDir'> & Partial<Pick<AppConfig, 'storage' | 'botCredentials' | 'cloud'>>;

export async function connectStorage(config: StorageConfig): Promise<StorageConnection> {
  const settings: StorageSettings = config.storage ?? { kind: 'file' };
  if (settings.kind === 'blob') return connectBlob(settings, config);
  // Taken here and not in FileStorage: tests build several FileStorage objects over one directory on purpose.
  const lock = await DataDirectoryLock.acquire(config.dataDir);
  const store = new FileStorage({ dataDir: config.dataDir });
  const ledgerStore = activityLedgerFileStore(config.dataDir);
  const audit = new FileAuditLog({ dataDir: config.dataDir });
  try {
    // A tampered or half-written log stops the bot here, before it takes traffic.
    await audit.initialise();
    await forgetLedgerEntriesIn(store);
  } catch (error) {
    await lock.release();
    throw error;
  }
  const flush = async () => {
    await store.flush();
    await ledgerStore.flush();
    await audit.flush();
  };
  return {
    store,
    ledgerStore,
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
  // Blob writes are durable on the server, and the ledger's entries must be shared with the other instances.
  return { store, ledgerStore: store, audit, description: `blob container ${endpoint}`, flush, close: flush };
}
