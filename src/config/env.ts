/**
 * Small parsers shared by the configuration readers. Each failure names the variable and the fix in one line,
 * because that line is all an operator sees when the process refuses to start.
 */
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

export function readPort(env: Env, variable: string, fallback: number): number {
  return readInteger(env, variable, fallback, { min: 0, max: 65535 });
}
