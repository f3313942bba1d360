/** Everything a pino logger writes, kept in memory so a test can grep the log of a whole run. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../src/logging';

export interface CapturedLog {
  logger: Logger;
  text(): string;
  lines(): Array<Record<string, unknown>>;
}

export function captureLog(level = 'debug'): CapturedLog {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return {
    logger: createLogger({ level, destination }),
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/**
 * botbuilder's CloudAdapter reports refused requests with console.error, outside our logger. Captured while a
 * suite runs: keeps the test output readable, and lets a test grep it for secrets like the pino log.
 */
export function captureConsole(): { text(): string; restore(): void } {
  const original = { error: console.error, warn: console.warn, log: console.log };
  const chunks: string[] = [];
  const record = (...args: unknown[]) => {
    chunks.push(args.map((arg) => (arg instanceof Error ? `${arg.stack ?? arg.message} ${JSON.stringify(arg)}` : String(arg))).join(' '));
  };
  console.error = record;
  console.warn = record;
  console.log = record;
  return { text: () => chunks.join('\n'), restore: () => Object.assign(console, original) };
}
