/**
 * Runs a parsed query over the simulator's tables with Kusto's semantics where the bot relies on them: an unknown
 * column is an error, `=~` ignores case, a `leftouter` join keeps unmatched left rows with empty right columns
 * (strings "" and dynamic values null, as Kusto has no null string), a right column whose name is taken gets a "1".
 */
import { GraphQueryError } from './graphErrors';
import type { Expr, Operator, Pipeline } from './kql';

export type ColumnType = 'string' | 'dynamic' | 'bool';
export type Row = Record<string, unknown>;

export interface Relation {
  columns: Map<string, ColumnType>;
  rows: Row[];
}

/**
 * What a query's leading `where` pins with `==`/`=~` (alone or and-ed), lower-cased: the table then builds only those
 * rows (the where still runs on them, so this only saves work). Unpinned: undefined.
 */
export interface PinnedColumns {
  type?: string;
  name?: string;
}

/** Where rows come from: a table, narrowed to what the query's first filter pins. */
export type TableSource = (table: string, pinned: PinnedColumns) => Relation;

export function evaluate(pipeline: Pipeline, source: TableSource): Relation {
  let relation = source(pipeline.table.toLowerCase(), pinnedColumns(pipeline));
  for (const operator of pipeline.operators) relation = apply(operator, relation, source);
  return relation;
}

export function pinnedColumns(pipeline: Pipeline): PinnedColumns {
  const first = pipeline.operators[0];
  return first?.kind === 'where' ? { type: pinnedLiteral(first.predicate, 'type'), name: pinnedLiteral(first.predicate, 'name') } : {};
}

function pinnedLiteral(expr: Expr, columnName: string): string | undefined {
  if (expr.kind === 'logical' && expr.op === 'and') return pinnedLiteral(expr.left, columnName) ?? pinnedLiteral(expr.right, columnName);
  if (expr.kind !== 'compare' || (expr.op !== '==' && expr.op !== '=~')) return undefined;
  const [column, literal] = expr.left.kind === 'column' ? [expr.left, expr.right] : [expr.right, expr.left];
  if (column.kind !== 'column' || column.path.join('.') !== columnName || literal.kind !== 'literal' || typeof literal.value !== 'string') return undefined;
  return literal.value.toLowerCase();
}

function apply(operator: Operator, relation: Relation, source: TableSource): Relation {
  switch (operator.kind) {
    case 'where':
      checkColumns(operator.predicate, relation, 'where');
      return { columns: relation.columns, rows: relation.rows.filter((row) => evalExpr(operator.predicate, row) === true) };
    case 'project': {
      const columns = new Map<string, ColumnType>();
      for (const { name, expr } of operator.columns) {
        checkColumns(expr, relation, 'project');
        if (columns.has(name)) throw GraphQueryError.semantic(`'project' operator: the column name '${name}' is used twice`);
        columns.set(name, typeOf(expr, relation));
      }
      return { columns, rows: relation.rows.map((row) => Object.fromEntries(operator.columns.map(({ name, expr }) => [name, evalExpr(expr, row)]))) };
    }
    case 'join':
      return join(relation, evaluate(operator.right, source), operator.on, operator.joinKind);
    case 'order': {
      if (!relation.columns.has(operator.column)) throw unknownColumn(operator.column, 'order');
      const sign = operator.direction === 'asc' ? 1 : -1;
      const key = (row: Row) => String(row[operator.column] ?? '');
      return { columns: relation.columns, rows: [...relation.rows].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
    }
  }
}

function join(left: Relation, right: Relation, on: string, joinKind: string): Relation {
  if (!['leftouter', 'inner', 'innerunique'].includes(joinKind)) throw GraphQueryError.semantic(`'join' operator: the join kind '${joinKind}' is not implemented by the simulator (leftouter, inner, innerunique)`);
  if (!left.columns.has(on) || !right.columns.has(on)) throw unknownColumn(on, 'join');
  const columns = new Map(left.columns);
  const renamed = new Map<string, string>();
  for (const [name, type] of right.columns) {
    let target = name;
    for (let suffix = 1; columns.has(target); suffix += 1) target = `${name}${suffix}`;
    renamed.set(name, target);
    columns.set(target, type);
  }
  const byKey = new Map<unknown, Row[]>();
  for (const row of right.rows) byKey.set(row[on], [...(byKey.get(row[on]) ?? []), row]);
  const emptyRight = Object.fromEntries([...right.columns].map(([name, type]) => [renamed.get(name)!, type === 'string' ? '' : null]));
  const rows: Row[] = [];
  const seenLeftKeys = new Set<unknown>();
  for (const row of left.rows) {
    if (joinKind === 'innerunique' && seenLeftKeys.has(row[on])) continue;
    seenLeftKeys.add(row[on]);
    const matches = byKey.get(row[on]) ?? [];
    if (matches.length === 0 && joinKind === 'leftouter') rows.push({ ...row, ...emptyRight });
    for (const match of matches) rows.push({ ...row, ...Object.fromEntries(Object.entries(match).map(([name, value]) => [renamed.get(name)!, value])) });
  }
  return { columns, rows };
}

function unknownColumn(name: string, operator: string): GraphQueryError {
  return GraphQueryError.semantic(`'${operator}' operator: Failed to resolve scalar expression named '${name}'`);
}

function checkColumns(expr: Expr, relation: Relation, operator: string): void {
  switch (expr.kind) {
    case 'column':
      if (!relation.columns.has(expr.path[0])) throw unknownColumn(expr.path[0], operator);
      return;
    case 'literal':
      return;
    case 'call':
      if (!(expr.name in FUNCTIONS)) throw GraphQueryError.semantic(`'${operator}' operator: Unknown function: '${expr.name}'`);
      expr.args.forEach((arg) => checkColumns(arg, relation, operator));
      return;
    case 'compare':
    case 'logical':
      checkColumns(expr.left, relation, operator);
      checkColumns(expr.right, relation, operator);
      return;
    case 'in':
      checkColumns(expr.left, relation, operator);
      expr.values.forEach((value) => checkColumns(value, relation, operator));
  }
}

function typeOf(expr: Expr, relation: Relation): ColumnType {
  if (expr.kind === 'column') return expr.path.length === 1 ? relation.columns.get(expr.path[0])! : 'dynamic';
  if (expr.kind === 'call') return FUNCTIONS[expr.name].type;
  return expr.kind === 'literal' && typeof expr.value === 'string' ? 'string' : 'bool';
}

function toKustoString(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const FUNCTIONS: Record<string, { type: ColumnType; run: (args: unknown[]) => unknown }> = {
  tostring: { type: 'string', run: ([value]) => toKustoString(value) },
  tolower: { type: 'string', run: ([value]) => toKustoString(value).toLowerCase() },
  toupper: { type: 'string', run: ([value]) => toKustoString(value).toUpperCase() },
  isempty: { type: 'bool', run: ([value]) => toKustoString(value) === '' },
  isnotempty: { type: 'bool', run: ([value]) => toKustoString(value) !== '' },
};

function equalsLoosely(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** Kusto compares the string forms; a missing value is "", which starts with nothing but "". */
function startsWith(value: unknown, prefix: unknown, ignoreCase: boolean): boolean {
  const [text, start] = [toKustoString(value), toKustoString(prefix)];
  return ignoreCase ? text.toLowerCase().startsWith(start.toLowerCase()) : text.startsWith(start);
}

function contains(value: unknown, part: unknown, ignoreCase: boolean): boolean {
  const [text, needle] = [toKustoString(value), toKustoString(part)];
  return ignoreCase ? text.toLowerCase().includes(needle.toLowerCase()) : text.includes(needle);
}

function evalExpr(expr: Expr, row: Row): unknown {
  switch (expr.kind) {
    case 'column': {
      let value: unknown = row[expr.path[0]];
      for (const segment of expr.path.slice(1)) value = value !== null && typeof value === 'object' ? (value as Row)[segment] ?? null : null;
      return value ?? null;
    }
    case 'literal':
      return expr.value;
    case 'call':
      return FUNCTIONS[expr.name].run(expr.args.map((arg) => evalExpr(arg, row)));
    case 'logical': {
      const left = evalExpr(expr.left, row) === true;
      return expr.op === 'and' ? left && evalExpr(expr.right, row) === true : left || evalExpr(expr.right, row) === true;
    }
    case 'compare': {
      const left = evalExpr(expr.left, row);
      const right = evalExpr(expr.right, row);
      if (expr.op === 'startswith' || expr.op === 'startswith_cs') return startsWith(left, right, expr.op === 'startswith');
      if (expr.op === 'contains' || expr.op === 'contains_cs') return contains(left, right, expr.op === 'contains');
      const equal = expr.op === '==' || expr.op === '!=' ? left !== null && left === right : equalsLoosely(left, right);
      return expr.op === '==' || expr.op === '=~' ? equal : !equal;
    }
    case 'in': {
      const left = evalExpr(expr.left, row);
      const found = expr.values.some((value) => (expr.caseInsensitive ? equalsLoosely(left, evalExpr(value, row)) : left !== null && left === evalExpr(value, row)));
      return expr.negated ? !found : found;
    }
  }
}
