export * from './auditLog';
export * from './chain';
