/**
 * Small parsers shared by the configuration readers. Each failure names the variable and the fix in one line,
 * because that line is all an operator sees when the process refuses to start.
 */
import { parseIsoDurationMs } from './duration';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly variable: string, problem: string, fix: string) {
    super(`${variable}: ${problem}. ${fix}`);
  }
}

export type Env = Record<string, string | undefined>;

export function readString(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value ? value : undefined;
}

export function readInteger(env: Env, variable: string, fallback: number, range: { min: number; max: number }): number {
  const raw = readString(env, variable);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < range.min || Number(raw) > range.max) {
    throw new ConfigError(variable, `"${raw}" is not a whole number from ${range.min} to ${range.max}`, `Set it to e.g. ${fallback}, or unset it for the default`);
  }
  return Number(raw);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Comma-separated items; with `guids`, each must be an Entra object id and comes back lower-cased. Undefined when unset. */
export function readList(env: Env, variable: string, { guids }: { guids: boolean }): string[] | undefined {
  const raw = readString(env, variable);
  if (raw === undefined) return undefined;
  const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
  const bad = guids ? items.find((item) => !GUID.test(item)) : undefined;
  if (bad !== undefined) {
    throw new ConfigError(variable, `"${bad}" is not an Entra object id (a GUID)`, 'List object ids separated by commas; find one with `az ad user show --id <upn> --query id -o tsv`');
  }
  return items.map((item) => (guids ? item.toLowerCase() : item));
}

/**
 * An ISO 8601 duration (the fallback when unset) within the range `words` names. `hint` replaces the default fix
 * ("Use e.g. <fallback>, or unset it for the default") where a variable has always said something else.
 */
export function readDurationMs(env: Env, variable: string, fallback: string, range: { minMs: number; maxMs: number; words: string; hint?: string }): number {
  const raw = readString(env, variable) ?? fallback;
  const ms = parseIsoDurationMs(raw);
  if (ms === undefined || ms < range.minMs || ms > range.maxMs) {
    throw new ConfigError(variable, `"${raw}" is not an ISO 8601 duration from ${range.words}`, range.hint ?? `Use e.g. ${fallback}, or unset it for the default`);
  }
  return ms;
}

export function readPort(env: Env, variable: string, fallback: number): number {
  return readInteger(env, variable, fallback, { min: 0, max: 65535 });
}
