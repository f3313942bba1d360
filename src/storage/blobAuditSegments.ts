/**
 * Where the blob audit chain lives: JSON lines in append blobs `audit/chain-000000.jsonl`, `…-000001.jsonl`, …
 * An append blob takes at most 50,000 blocks (one entry each), so the chain is cut into segments of a fixed number
 * of entries; the segment of an entry follows from its seq alone, so every instance agrees where the next one goes.
 */
import type { ContainerClient } from '@azure/storage-blob';

export const DEFAULT_AUDIT_PREFIX = 'audit/';
export const DEFAULT_ENTRIES_PER_SEGMENT = 10_000;
/** Azure's hard limit of blocks in one append blob. */
export const MAX_ENTRIES_PER_SEGMENT = 50_000;

export class AuditSegments {
  constructor(readonly container: ContainerClient, readonly prefix: string, readonly entriesPerSegment: number) {
    if (!Number.isInteger(entriesPerSegment) || entriesPerSegment < 1 || entriesPerSegment > MAX_ENTRIES_PER_SEGMENT) {
      throw new RangeError(`InvalidSegmentSize: entriesPerSegment must be a whole number from 1 to ${MAX_ENTRIES_PER_SEGMENT}.`);
    }
  }

  /** Segment index (0-based) of the entry with this seq (1-based). */
  segmentOf(seq: number): number {
    return Math.floor((seq - 1) / this.entriesPerSegment);
  }

  nameOf(segment: number): string {
    return `${this.prefix}chain-${String(segment).padStart(6, '0')}.jsonl`;
  }

  client(segment: number) {
    return this.container.getAppendBlobClient(this.nameOf(segment));
  }

  /** Indexes of every segment blob that exists, ascending. */
  async listIndexes(): Promise<number[]> {
    const pattern = new RegExp(`^${escapeRegExp(this.prefix)}chain-(\\d{6})\\.jsonl$`);
    const indexes: number[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: this.prefix })) {
      const match = pattern.exec(blob.name);
      if (match) indexes.push(Number(match[1]));
    }
    return indexes.sort((a, b) => a - b);
  }

  /** The bytes of a segment from `offset` to its current end; empty when there are none yet or no such blob. */
  async readFrom(segment: number, offset: number): Promise<Buffer> {
    try {
      const response = await this.client(segment).download(offset);
      return await streamToBuffer(response.readableStreamBody);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 416) return Buffer.alloc(0); // no blob yet, or nothing past `offset`
      throw error;
    }
  }

  /** Every line of every segment, in chain order, ready for verifyAuditChain. */
  async readAllLines(): Promise<string[]> {
    return (await this.readSegments()).flatMap((segment) => segment.lines);
  }

  /** Each segment's blob name and lines, in chain order: lets a verifier name the segment and line of a bad entry. */
  async readSegments(): Promise<Array<{ name: string; lines: string[] }>> {
    const segments: Array<{ name: string; lines: string[] }> = [];
    for (const segment of await this.listIndexes()) {
      const text = (await this.readFrom(segment, 0)).toString('utf8');
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop(); // each entry ends in a newline
      segments.push({ name: this.nameOf(segment), lines });
    }
    return segments;
  }
}

async function streamToBuffer(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
