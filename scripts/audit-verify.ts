/**
 * Verifies the audit log's hash chain: `tsx scripts/audit-verify.ts [--file <path>] [--expect-last-hash <hex>]`.
 * Prints a one-line verdict; exits 0 when the chain is intact, 1 when it is broken or unreadable.
 */
import { readFileSync } from 'node:fs';
import { verifyAuditChain } from '../src/core/audit/chain';

export const DEFAULT_AUDIT_FILE = '.data/audit.jsonl';

export interface AuditVerifyArgs {
  file: string;
  expectedLastHash?: string;
}

/** Reads the options from argv (without node and the script path). Throws on an unknown or incomplete flag. */
export function parseAuditVerifyArgs(argv: string[]): AuditVerifyArgs {
  const args: AuditVerifyArgs = { file: DEFAULT_AUDIT_FILE };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = argv[index + 1];
    if ((flag === '--file' || flag === '--expect-last-hash') && (value === undefined || value.startsWith('--'))) {
      throw new Error(`${flag} needs a value, e.g. --file .data/audit.jsonl`);
    }
    if (flag === '--file') args.file = value;
    else if (flag === '--expect-last-hash') args.expectedLastHash = value;
    else throw new Error(`unknown option "${flag}"; use --file <path> and optionally --expect-last-hash <hex>`);
    index++;
  }
  return args;
}

/** Returns the verdict line and exit code, so tests can call it without spawning. */
export function runAuditVerify(argv: string[]): { line: string; exitCode: 0 | 1 } {
  let args: AuditVerifyArgs;
  let content: string;
  try {
    args = parseAuditVerifyArgs(argv);
    content = readFileSync(args.file, 'utf8');
  } catch (error) {
    return { line: `audit-verify: cannot check (${(error as Error).message})`, exitCode: 1 };
  }
  const verdict = verifyAuditChain(content.split('\n'), args.expectedLastHash ? { expectedLastHash: args.expectedLastHash } : {});
  if (!verdict.ok) return { line: `audit-verify: BROKEN ${args.file}: ${verdict.problem}`, exitCode: 1 };
  const last = verdict.entries[verdict.entries.length - 1];
  return { line: `audit-verify: OK ${args.file}: ${verdict.entries.length} entries, last hash ${last?.hash ?? '(empty log)'}`, exitCode: 0 };
}

if (require.main === module) {
  const { line, exitCode } = runAuditVerify(process.argv.slice(2));
  (exitCode === 0 ? console.log : console.error)(line);
  process.exitCode = exitCode;
}
