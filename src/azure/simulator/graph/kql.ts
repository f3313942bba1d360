/**
 * A parser for the small slice of KQL (Kusto) that Resource Graph queries of this bot use: a table, then `where`
 * (==, =~, !=, !~, in, in~, startswith, contains), `project`, `join kind=… (…) on column` and `order by`. Anything else is a
 * ParserFailure, the way Resource Graph reports a query it cannot read, so a typo in the bot's query fails a test
 * instead of passing silently.
 */
import { GraphQueryError } from './graphErrors';

export type CompareOperator = '==' | '=~' | '!=' | '!~' | 'startswith' | 'startswith_cs' | 'contains' | 'contains_cs';

/** String operators written as words: `startswith` and `contains` ignore case, the `_cs` forms do not. */
const WORD_OPERATORS: readonly string[] = ['startswith', 'startswith_cs', 'contains', 'contains_cs'];

export type Expr =
  | { kind: 'column'; path: string[] }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'compare'; op: CompareOperator; left: Expr; right: Expr }
  | { kind: 'in'; caseInsensitive: boolean; negated: boolean; left: Expr; values: Expr[] }
  | { kind: 'logical'; op: 'and' | 'or'; left: Expr; right: Expr };

export type Operator =
  | { kind: 'where'; predicate: Expr }
  | { kind: 'project'; columns: Array<{ name: string; expr: Expr }> }
  | { kind: 'join'; joinKind: string; right: Pipeline; on: string }
  | { kind: 'order'; column: string; direction: 'asc' | 'desc' };

export interface Pipeline {
  table: string;
  operators: Operator[];
}

interface Token {
  kind: 'ident' | 'string' | 'number' | 'symbol';
  text: string;
  position: number;
}

const SYMBOLS = ['==', '=~', '!=', '!~', '!in~', '!in', '=', '(', ')', ',', '.', '|', '[', ']'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index);
    const space = /^(\s+|\/\/[^\n]*)/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      // `in~` is one operator, not the word `in` followed by a stray `~`.
      const text = word[0] === 'in' && rest[2] === '~' ? 'in~' : word[0];
      tokens.push({ kind: text === 'in~' ? 'symbol' : 'ident', text, position: index });
      index += text.length;
      continue;
    }
    const quoted = /^'((?:[^'\\]|\\.)*)'|^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (quoted) {
      tokens.push({ kind: 'string', text: (quoted[1] ?? quoted[2]).replace(/\\(.)/g, '$1'), position: index });
      index += quoted[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], position: index });
      index += number[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (!symbol) throw GraphQueryError.parser(`unexpected character '${rest[0]}'`, index);
    tokens.push({ kind: 'symbol', text: symbol, position: index });
    index += symbol.length;
  }
  return tokens;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[], private readonly length: number) {}

  parseQuery(): Pipeline {
    const pipeline = this.parsePipeline();
    if (this.peek()) throw this.unexpected();
    return pipeline;
  }

  private parsePipeline(): Pipeline {
    const table = this.expectIdent();
    const operators: Operator[] = [];
    while (this.accept('|')) operators.push(this.parseOperator());
    return { table, operators };
  }

  private parseOperator(): Operator {
    const name = this.expectIdent();
    switch (name) {
      case 'where':
        return { kind: 'where', predicate: this.parseOr() };
      case 'project':
        return { kind: 'project', columns: this.parseProjection() };
      case 'join':
        return this.parseJoin();
      case 'order':
      case 'sort': {
        this.expectWord('by');
        const column = this.expectIdent();
        const direction = this.acceptWord('asc') ? 'asc' : this.acceptWord('desc') ? 'desc' : 'desc'; // Kusto's default is desc
        return { kind: 'order', column, direction };
      }
      default:
        throw GraphQueryError.parser(`the operator '${name}' is not one the simulator implements (where, project, join, order by)`, this.previous().position);
    }
  }

  private parseProjection(): Array<{ name: string; expr: Expr }> {
    const columns: Array<{ name: string; expr: Expr }> = [];
    do {
      const start = this.index;
      const first = this.expectIdent();
      if (this.accept('=')) {
        columns.push({ name: first, expr: this.parseOr() });
        continue;
      }
      this.index = start;
      const expr = this.parseOr();
      // Kusto names `properties.state` "properties_state"; a call needs an explicit name.
      if (expr.kind !== 'column') throw GraphQueryError.parser('a computed column needs a name (name = expression)', this.tokens[start].position);
      columns.push({ name: expr.path.join('_'), expr });
    } while (this.accept(','));
    return columns;
  }

  private parseJoin(): Operator {
    let joinKind = 'innerunique';
    if (this.acceptWord('kind')) {
      this.expect('=');
      joinKind = this.expectIdent();
    }
    this.expect('(');
    const right = this.parsePipeline();
    this.expect(')');
    this.expectWord('on');
    return { kind: 'join', joinKind, right, on: this.expectIdent() };
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.acceptWord('or')) left = { kind: 'logical', op: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseComparison();
    while (this.acceptWord('and')) left = { kind: 'logical', op: 'and', left, right: this.parseComparison() };
    return left;
  }

  private parseComparison(): Expr {
    const left = this.parsePrimary();
    const next = this.peek();
    if (next?.kind === 'ident' && next.text === 'in') {
      this.index += 1;
      return { kind: 'in', caseInsensitive: false, negated: false, left, values: this.parseList() };
    }
    if (next?.kind === 'ident' && WORD_OPERATORS.includes(next.text)) {
      this.index += 1;
      return { kind: 'compare', op: next.text as CompareOperator, left, right: this.parsePrimary() };
    }
    if (next?.kind !== 'symbol') return left;
    if (['==', '=~', '!=', '!~'].includes(next.text)) {
      this.index += 1;
      return { kind: 'compare', op: next.text as CompareOperator, left, right: this.parsePrimary() };
    }
    if (['in~', '!in~', '!in'].includes(next.text)) {
      this.index += 1;
      return { kind: 'in', caseInsensitive: next.text.endsWith('~'), negated: next.text.startsWith('!'), left, values: this.parseList() };
    }
    return left;
  }

  private parseList(): Expr[] {
    this.expect('(');
    const values: Expr[] = [this.parsePrimary()];
    while (this.accept(',')) values.push(this.parsePrimary());
    this.expect(')');
    return values;
  }

  private parsePrimary(): Expr {
    const token = this.next();
    if (token.kind === 'string') return { kind: 'literal', value: token.text };
    if (token.kind === 'number') return { kind: 'literal', value: Number(token.text) };
    if (token.kind === 'symbol' && token.text === '(') {
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    if (token.kind !== 'ident') throw this.unexpected(token);
    if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true' };
    if (this.accept('(')) {
      const args: Expr[] = this.peek()?.text === ')' ? [] : [this.parseOr()];
      while (this.accept(',')) args.push(this.parseOr());
      this.expect(')');
      return { kind: 'call', name: token.text, args };
    }
    const path = [token.text];
    while (this.accept('.')) path.push(this.expectIdent());
    return { kind: 'column', path };
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private previous(): Token {
    return this.tokens[this.index - 1];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (!token) throw GraphQueryError.parser('the query ends too early', this.length);
    this.index += 1;
    return token;
  }

  private accept(symbol: string): boolean {
    if (this.peek()?.kind !== 'symbol' || this.peek()?.text !== symbol) return false;
    this.index += 1;
    return true;
  }

  private acceptWord(word: string): boolean {
    if (this.peek()?.kind !== 'ident' || this.peek()?.text !== word) return false;
    this.index += 1;
    return true;
  }

  private expect(symbol: string): void {
    if (!this.accept(symbol)) throw this.unexpected(this.peek(), `'${symbol}'`);
  }

  private expectWord(word: string): void {
    if (!this.acceptWord(word)) throw this.unexpected(this.peek(), `'${word}'`);
  }

  private expectIdent(): string {
    const token = this.next();
    if (token.kind !== 'ident') throw this.unexpected(token, 'a name');
    return token.text;
  }

  private unexpected(token = this.peek(), expected?: string): GraphQueryError {
    if (!token) return GraphQueryError.parser(`the query ends too early${expected ? `; expected ${expected}` : ''}`, this.length);
    return GraphQueryError.parser(`unexpected '${token.text}'${expected ? `; expected ${expected}` : ''}`, token.position);
  }
}

export function parseKql(text: string): Pipeline {
  return new Parser(tokenize(text), text.length).parseQuery();
}
