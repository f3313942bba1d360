/** The printed table: one line per headline number, with its target and whether this run met it. */
export interface Headline {
  benchmark: string;
  metric: string;
  value: string;
  target?: string;
  met?: boolean;
}

export function printTable(rows: Headline[]): string {
  const cells = rows.map((row) => [row.benchmark, row.metric, row.value, row.target ?? '', row.met === undefined ? '' : row.met ? 'met' : 'MISSED']);
  const header = ['', 'metric', 'value', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const line = (cell: string[]) => cell.map((text, column) => text.padEnd(widths[column])).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

/** The same rows as a Markdown table, for the README. */
export function markdownTable(rows: Headline[]): string {
  const out = ['| Benchmark | Metric | Value | Target | |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) out.push(`| ${row.benchmark} | ${row.metric} | ${row.value} | ${row.target ?? ''} | ${row.met === undefined ? '' : row.met ? 'met' : '**missed**'} |`);
  return out.join('\n');
}
