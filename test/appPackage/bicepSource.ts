/**
 * Just enough Bicep reading for structural tests: no Bicep compiler can run offline here (see docs/deploy.md), so
 * the tests check what a reviewer would — declared params, resources with their API versions, outputs, balanced
 * brackets — on the source with comments removed.
 */
export interface BicepResource { symbol: string; type: string; apiVersion: string; body: string }

/** Removes // and /* *\/ comments outside strings, and fails on an unterminated string or unbalanced brackets. */
export function stripComments(source: string): string {
  let output = '';
  const open: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === "'") {
      const end = findStringEnd(source, index);
      output += source.slice(index, end + 1);
      index = end;
    } else if (source.startsWith('//', index)) {
      while (index < source.length && source[index] !== '\n') index++;
      output += '\n';
    } else if (source.startsWith('/*', index)) {
      index = source.indexOf('*/', index) + 1;
      if (index === 0) throw new Error('unterminated /* comment');
    } else {
      if ('([{'.includes(char)) open.push(char);
      if (')]}'.includes(char) && open.pop() !== pairs[char]) throw new Error(`unbalanced "${char}" at offset ${index}`);
      output += char;
    }
  }
  if (open.length > 0) throw new Error(`unclosed "${open.join('')}"`);
  return output;
}

function findStringEnd(source: string, start: number): number {
  for (let index = start + 1; index < source.length; index++) {
    if (source[index] === '\\') index++;
    else if (source[index] === "'") return index;
    else if (source[index] === '\n') break;
  }
  throw new Error(`unterminated string at offset ${start}`);
}

/** The text between the `{` that opens at `openAt` and its matching `}` (strings already verified balanced). */
function blockFrom(code: string, openAt: number): string {
  let depth = 0;
  for (let index = openAt; index < code.length; index++) {
    if (code[index] === "'") index = findStringEnd(code, index);
    else if (code[index] === '{') depth++;
    else if (code[index] === '}' && --depth === 0) return code.slice(openAt, index + 1);
  }
  throw new Error('unclosed block');
}

export function readBicep(source: string) {
  const code = stripComments(source);
  const params = new Map<string, { hasDefault: boolean }>();
  for (const match of code.matchAll(/^param\s+(\w+)\s+\w+(\s*=)?/gm)) params.set(match[1], { hasDefault: Boolean(match[2]) });
  const resources: BicepResource[] = [...code.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*=\s*\{/gm)].map((match) => ({
    symbol: match[1],
    type: match[2],
    apiVersion: match[3],
    body: blockFrom(code, match.index! + match[0].length - 1),
  }));
  const outputs = [...code.matchAll(/^output\s+(\w+)\s+\w+\s*=/gm)].map((match) => match[1]);
  return { code, params, resources, outputs };
}
