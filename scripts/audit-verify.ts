/**
 * Verifies the audit log's hash chain where the bot keeps it: `npm run audit:verify [-- --file <path>] [--expect-last-hash <hex>]`.
 * Without --file it reads the bot's own storage settings (src/config): `<DEFENDER_DATA_DIR>/audit.jsonl`, or with
 * DEFENDER_STORAGE=blob the append-blob chain in the configured container. Prints a one-line verdict naming the first
 * bad entry; exits 0 when the chain is intact, 1 when it is broken or cannot be read.
 */
import { createArmCredential } from '../src/azure/credentials';
import { loadStorageLocation } from '../src/config';
import type { Env } from '../src/config/env';
import { readCloud } from '../src/config/clouds';
import { verifyAuditChain } from '../src/core/audit/chain';
import { readAuditChainFile, readConfiguredAuditChain, type AuditChainText } from '../src/storage/auditChainSource';

export interface AuditVerifyArgs {
  /** A file to check instead of the bot's configured store. */
  file?: string;
  expectedLastHash?: string;
}

/** Reads the options from argv (without node and the script path). Throws on an unknown or incomplete flag. */
export function parseAuditVerifyArgs(argv: string[]): AuditVerifyArgs {
  const args: AuditVerifyArgs = {};
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

export interface AuditVerifyOptions {
  /** The bot's environment; default process.env (read by src/config only). */
  env?: Env;
  cwd?: string;
}

/** Returns the verdict line and exit code, so tests can call it without spawning. */
export async function runAuditVerify(argv: string[], options: AuditVerifyOptions = {}): Promise<{ line: string; exitCode: 0 | 1 }> {
  let args: AuditVerifyArgs;
  let chain: AuditChainText;
  try {
    args = parseAuditVerifyArgs(argv);
    chain = args.file
      ? await readAuditChainFile(args.file)
      : await readConfiguredAuditChain(loadStorageLocation(options.env, options.cwd), {
          // An account URL signs in where the bot does: the Entra authority host of DEFENDER_CLOUD.
          credential: createArmCredential({ kind: 'azure', authorityHost: readCloud(options.env).authorityHost }),
        });
  } catch (error) {
    return { line: `audit-verify: cannot check (${(error as Error).message})`, exitCode: 1 };
  }
  const verdict = verifyAuditChain(chain.lines, args.expectedLastHash ? { expectedLastHash: args.expectedLastHash } : {});
  if (!verdict.ok) {
    // A bad line should have held the entry after the last good one; past the last line, the end is missing.
    const lineCount = chain.lines[chain.lines.length - 1] === '' ? chain.lines.length - 1 : chain.lines.length;
    const badIndex = (verdict.firstBadLine ?? 1) - 1;
    const place = badIndex < lineCount ? `${chain.places[badIndex]} (entry ${verdict.entries.length + 1})` : `after entry ${verdict.entries.length}`;
    return { line: `audit-verify: BROKEN ${chain.source}: ${place}: ${verdict.reason}`, exitCode: 1 };
  }
  const last = verdict.entries[verdict.entries.length - 1];
  return { line: `audit-verify: OK ${chain.source}: ${verdict.entries.length} entries, last hash ${last?.hash ?? '(empty log)'}`, exitCode: 0 };
}

if (require.main === module) {
  void runAuditVerify(process.argv.slice(2)).then(({ line, exitCode }) => {
    (exitCode === 0 ? console.log : console.error)(line);
    process.exitCode = exitCode;
  });
}
