/**
 * Errors for misuse of the approval service by its caller (the bot), as opposed to refusals, which are
 * ordinary answers to people. Each says what the caller did wrong and what to do instead.
 */
export type ApprovalFlowErrorCode = 'MissingIdentity' | 'NotExecuting' | 'UnknownRequest' | 'InvalidGeneratedId';

export class ApprovalFlowError extends Error {
  override readonly name = 'ApprovalFlowError';
  constructor(readonly code: ApprovalFlowErrorCode, message: string) {
    super(`${code}: ${message}`);
  }
}

export function assertIdentity(person: { id?: string; name?: string } | undefined, role: string): void {
  if (!person || typeof person.id !== 'string' || person.id.trim() === '') {
    throw new ApprovalFlowError('MissingIdentity', `the ${role} has no id; pass the activity's from.aadObjectId, never a value from card data.`);
  }
}
