/** The approval flow's public surface: code outside src/core/approval imports from here (tests may reach inside). */
export * from './types';
export * from './results';
export * from './requestId';
export * from './stateMachine';
export * from './policy';
export * from './refusals';
export * from './errors';
export * from '../keyValueStore';
export { RequestRepository, StoreContentionError, StoreMisconfiguredError, DuplicateRequestIdError } from './requestRepository';
export { ApprovalService } from './approvalService';
export type { ApprovalServiceDeps } from './approvalService';
export { finalStatus, reconcileDelayMs } from './execution';
