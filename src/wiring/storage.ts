/**
 * Storage for this run: requests, card locations and the audit log. Files under DEFENDER_DATA_DIR by default
 * (one instance); the blob backend serves several instances on one store.
 */
import type { AppConfig } from '../config';
import type { KeyValueStore } from '../core/approval/store';
import type { AuditLog } from '../core/audit/auditLog';
import { FileAuditLog } from '../storage/fileAuditLog';
import { FileStorage } from '../storage/fileStorage';

export interface StorageConnection {
  store: KeyValueStore;
  audit: AuditLog;
  /** Named in /readyz and the start-up log. */
  description: string;
  /** Waits for in-flight writes; called on shutdown. */
  flush(): Promise<void>;
}

export async function connectStorage(config: Pick<AppConfig, 'dataDir'>): Promise<StorageConnection> {
  const store = new FileStorage({ dataDir: config.dataDir });
  const audit = new FileAuditLog({ dataDir: config.dataDir });
  return {
    store,
    audit,
    description: `files in ${config.dataDir}`,
    async flush() {
      await store.flush();
      await audit.flush();
    },
  };
}
