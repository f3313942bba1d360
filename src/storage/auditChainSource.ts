/**
 * Reads the audit chain from where the bot keeps it: `<DEFENDER_DATA_DIR>/audit.jsonl`, or the append-blob segments
 * of DEFENDER_STORAGE=blob. Each line comes with its place (line, or segment blob and line), so a verifier can name
 * the entry that breaks the chain. Checking the chain is chain.ts's job; this only reads.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { StorageLocation } from '../config/storageSettings';
import { AuditSegments, DEFAULT_AUDIT_PREFIX, DEFAULT_ENTRIES_PER_SEGMENT } from './blobAuditSegments';
import { BlobStorageError, createContainerClient, describeContainer, explainStartupFailure, type BlobTarget } from './blobEndpoint';
import { AUDIT_FILE_NAME } from './fileAuditLog';

export interface AuditChainText {
  /** Where the chain was read (a file path or a container URL); never holds a key. */
  source: string;
  /** Every stored line, in chain order. */
  lines: string[];
  /** The place of each line, e.g. "line 7" or "audit/chain-000001.jsonl line 7". */
  places: string[];
}

export interface ReadAuditChainOptions {
  /** For an account URL (DefaultAzureCredential); a connection string needs none. */
  credential?: TokenCredential;
}

/** The chain the bot configured by `location` writes. */
export function readConfiguredAuditChain(location: StorageLocation, options: ReadAuditChainOptions = {}): Promise<AuditChainText> {
  if (location.storage.kind === 'file') return readAuditChainFile(path.join(location.dataDir, AUDIT_FILE_NAME));
  return readBlobAuditChain({ access: location.storage.access, container: location.storage.container, credential: options.credential });
}

export async function readAuditChainFile(file: string): Promise<AuditChainText> {
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(`AuditLogMissing: there is no audit log at ${file}. Set DEFENDER_DATA_DIR as the bot has it, or pass --file <path>.`);
  }
  const lines = content.split('\n');
  return { source: file, lines, places: lines.map((_, index) => `line ${index + 1}`) };
}

async function readBlobAuditChain(target: BlobTarget): Promise<AuditChainText> {
  const container = createContainerClient(target);
  const source = `blob container ${describeContainer(container)}`;
  let segments: Array<{ name: string; lines: string[] }>;
  try {
    if (!(await container.exists())) {
      throw new BlobStorageError('AuditContainerMissing', `${source} does not exist. Set DEFENDER_STORAGE_CONTAINER as the bot has it.`);
    }
    segments = await new AuditSegments(container, DEFAULT_AUDIT_PREFIX, DEFAULT_ENTRIES_PER_SEGMENT).readSegments();
  } catch (error) {
    throw error instanceof BlobStorageError ? error : explainStartupFailure(error, describeContainer(container), target.access);
  }
  return {
    source,
    lines: segments.flatMap((segment) => segment.lines),
    places: segments.flatMap((segment) => segment.lines.map((_, index) => `${segment.name} line ${index + 1}`)),
  };
}
