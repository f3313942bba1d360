export { FileStorage, StorageClosedError, CorruptItemError } from './fileStorage';
export type { FileStorageOptions } from './fileStorage';
export { FileAuditLog, AuditLogCorruptError, AUDIT_FILE_NAME } from './fileAuditLog';
export type { FileAuditLogOptions } from './fileAuditLog';
