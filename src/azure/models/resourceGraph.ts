/** Azure Resource Graph `resources` queries at api-version 2024-04-01, as they travel on the wire (resourcegraph.json). */

export const RESOURCE_GRAPH_API_VERSION = '2024-04-01';
export const RESOURCE_GRAPH_PATH = '/providers/Microsoft.ResourceGraph/resources';
/** The most rows one answer carries (`options.$top` is capped at 1000 by the spec). */
export const RESOURCE_GRAPH_PAGE_SIZE = 1000;

/** Response headers that carry the per-user quota and the tenant-scope subscription limit. */
export const QUOTA_REMAINING_HEADER = 'x-ms-user-quota-remaining';
export const QUOTA_RESETS_AFTER_HEADER = 'x-ms-user-quota-resets-after';
export const TENANT_SUBSCRIPTION_LIMIT_HIT_HEADER = 'x-ms-tenant-subscription-limit-hit';

export interface GraphQueryRequest {
  query: string;
  /** Absent: tenant scope (every subscription the identity can read). */
  subscriptions?: string[];
  options: {
    $top: number;
    $skipToken?: string;
    resultFormat: 'objectArray';
  };
}

export interface GraphQueryResponse<Row> {
  totalRecords: number;
  count: number;
  /** A string, and "false" even when more pages exist: never a reason to stop paging. */
  resultTruncated: 'true' | 'false';
  /** Present while more pages exist. */
  $skipToken?: string;
  data: Row[];
}

/** "hh:mm:ss" (optionally "d.hh:mm:ss") → milliseconds; undefined when the value does not parse. */
export function parseResetsAfter(value: string | undefined): number | undefined {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const [, days, hours, minutes, seconds, fraction] = match;
  const wholeSeconds = Number(days ?? 0) * 86_400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  return wholeSeconds * 1000 + (fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0);
}
