/**
 * Paging as Resource Graph does it: a query's whole result is computed once and kept; `$skipToken` names that
 * result and the next offset, so later pages come from the same snapshot (and a token used with another query or
 * scope is refused). A token whose result has expired is answered by computing the result again.
 */
import { randomUUID } from 'node:crypto';
import type { Row } from './evaluate';
import { GraphQueryError } from './graphErrors';

/** Resource Graph's page size when `$top` is absent. */
export const DEFAULT_GRAPH_PAGE_SIZE = 100;
const RESULT_TTL_MS = 5 * 60_000;
const MAX_KEPT_RESULTS = 50;

interface KeptResult {
  queryKey: string;
  rows: Row[];
  keptUntilMs: number;
}

interface SkipToken {
  resultId: string;
  offset: number;
  top: number;
}

export interface PageRequest {
  queryKey: string;
  $top?: number;
  $skip?: number;
  $skipToken?: string;
}

export interface Page {
  rows: Row[];
  totalRecords: number;
  skipToken?: string;
}

function decodeToken(token: string): SkipToken {
  const notOurs = (why: string) => GraphQueryError.request(`The $skipToken '${token.slice(0, 40)}' is not one this service issued (${why}); send the query again without it.`);
  let decoded: Partial<SkipToken> | null;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<SkipToken> | null;
  } catch (error) {
    throw notOurs((error as Error).message);
  }
  if (typeof decoded?.resultId !== 'string' || !Number.isInteger(decoded.offset) || !Number.isInteger(decoded.top)) throw notOurs('unknown fields');
  return decoded as SkipToken;
}

const encodeToken = (token: SkipToken) => Buffer.from(JSON.stringify(token)).toString('base64url');

export class ResultPages {
  private readonly kept = new Map<string, KeptResult>();

  /** One page; `compute` runs only when no kept result serves the request. */
  page(request: PageRequest, nowMs: number, compute: () => Row[]): Page {
    this.expire(nowMs);
    const token = request.$skipToken ? decodeToken(request.$skipToken) : undefined;
    const kept = token ? this.kept.get(token.resultId) : undefined;
    if (kept && kept.queryKey !== request.queryKey) {
      throw GraphQueryError.request('The $skipToken belongs to another query or scope; send the same query and scopes as the request that returned it.');
    }
    const rows = kept?.rows ?? compute();
    const top = request.$top ?? token?.top ?? DEFAULT_GRAPH_PAGE_SIZE;
    const offset = request.$skip ?? token?.offset ?? 0;
    const next = offset + top;
    let skipToken: string | undefined;
    if (next < rows.length) {
      const resultId = token?.resultId ?? randomUUID();
      if (!kept) this.keep(resultId, { queryKey: request.queryKey, rows, keptUntilMs: nowMs + RESULT_TTL_MS });
      skipToken = encodeToken({ resultId, offset: next, top });
    }
    return { rows: rows.slice(offset, next), totalRecords: rows.length, skipToken };
  }

  private keep(resultId: string, result: KeptResult): void {
    if (this.kept.size >= MAX_KEPT_RESULTS) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(resultId, result);
  }

  private expire(nowMs: number): void {
    for (const [resultId, result] of this.kept) if (result.keptUntilMs <= nowMs) this.kept.delete(resultId);
  }
}
