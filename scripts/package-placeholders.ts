/**
 * Substitutes the toolkit's `${{NAME}}` placeholders, the same syntax teamsApp/zipAppPackage expands, so one
 * manifest template serves both the toolkit and `npm run package`.
 */
import type { EnvValues } from './package-env-file';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class MissingVariablesError extends Error {
  override readonly name = 'MissingVariablesError';
  constructor(readonly variables: string[], readonly sourceLabel: string) {
    super(
      `${variables.join(', ')} ${variables.length === 1 ? 'has' : 'have'} no value in ${sourceLabel}. ` +
        'Set ' + (variables.length === 1 ? 'it' : 'them') + ' there (provision with the toolkit fills TEAMS_APP_ID, BOT_ID and BOT_DOMAIN).',
    );
  }
}

export function listPlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** An empty value counts as missing: an empty GUID or domain would only fail later, in Teams, with a vaguer message. */
export function substitutePlaceholders(template: string, values: EnvValues, sourceLabel: string): string {
  const missing = listPlaceholders(template).filter((name) => !values.get(name));
  if (missing.length > 0) throw new MissingVariablesError(missing, sourceLabel);
  // JSON-escape each value: the template is JSON, and a quote or backslash in a value must not break it.
  return template.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(values.get(name)).slice(1, -1));
}
