/**
 * A tiny reader for the toolkit's env/.env.<name> files (dotenv format). We parse them ourselves instead of pulling
 * in dotenv: the files are small, and a parse error must name the file and line so the operator can fix it.
 */
import fs from 'node:fs';

export type EnvValues = ReadonlyMap<string, string>;

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';
}

function unquote(rawValue: string): string {
  const value = rawValue.trim();
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    const inner = value.slice(1, -1);
    // Only double quotes expand escapes, as in dotenv.
    return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\"/g, '"') : inner;
  }
  // Unquoted: " #" starts a comment; a bare "#" inside a value (e.g. a URL fragment) does not.
  const commentAt = value.search(/\s#/);
  return (commentAt >= 0 ? value.slice(0, commentAt) : value).trim();
}

export function parseEnvText(text: string, sourceLabel: string): EnvValues {
  const values = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*(#.*)?$/.test(line)) return;
    const match = LINE.exec(line);
    if (!match) {
      throw new EnvFileError(`${sourceLabel}:${index + 1}: "${line.trim()}" is not a KEY=value line`);
    }
    values.set(match[1], unquote(match[2]));
  });
  return values;
}

export function readEnvFile(filePath: string): EnvValues {
  if (!fs.existsSync(filePath)) {
    throw new EnvFileError(`${filePath} does not exist. Create it (copy env/.env.dev) or pass an existing environment name.`);
  }
  return parseEnvText(fs.readFileSync(filePath, 'utf8'), filePath);
}
