/** One page of a list a card shows a part of; "Show more" asks for `nextPage`. */
export interface Page<T> {
  items: T[];
  /** 1-based, clamped to the pages there are. */
  page: number;
  /** Index of the first item shown, 0-based. */
  first: number;
  total: number;
  nextPage?: number;
}

export function pageOf<T>(all: readonly T[], requestedPage: number, requestedSize: number): Page<T> {
  const pageSize = Math.max(1, Math.floor(requestedSize));
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  const first = (page - 1) * pageSize;
  return { items: all.slice(first, first + pageSize), page, first, total: all.length, ...(page < pageCount ? { nextPage: page + 1 } : {}) };
}

/** "Showing 1–15 of 40." */
export function showingWords(page: Page<unknown>): string {
  return `Showing ${page.first + 1}–${page.first + page.items.length} of ${page.total}`;
}
