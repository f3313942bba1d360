/**
 * Validates a Teams app manifest OFFLINE against the JSON schema bundled in @microsoft/app-manifest.
 * We load the schema file ourselves and hand it to AppManifestUtils.validateAgainstSchema: without an explicit
 * schema that helper may fall back to fetching the manifest's $schema URL, and there is no network here or in CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';

const SCHEMA_ROOT = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

export function bundledSchemaPath(manifestVersion: string): string {
  const schemaPath = path.join(SCHEMA_ROOT, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!/^\d+\.\d+$/.test(manifestVersion) || !fs.existsSync(schemaPath)) {
    const bundled = fs.readdirSync(SCHEMA_ROOT).join(', ');
    throw new Error(`manifestVersion "${manifestVersion}" has no bundled schema in @microsoft/app-manifest (bundled: ${bundled})`);
  }
  return schemaPath;
}

export function loadBundledSchema(manifestVersion: string): Record<string, unknown> {
  // Some published schemas contain \a and \v escapes, which JSON.parse rejects; the package cleans them the same way.
  const raw = fs.readFileSync(bundledSchemaPath(manifestVersion), 'utf8');
  return JSON.parse(raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
}

/** Returns one line per schema violation; an empty list means the manifest is valid. */
export async function validateManifestOffline(manifest: Record<string, unknown>): Promise<string[]> {
  if (typeof manifest.manifestVersion !== 'string') return ['/manifestVersion must be a string like "1.22"'];
  const schema = loadBundledSchema(manifest.manifestVersion);
  // The helper's types want a specific manifest version; the schema and manifest are plain JSON here.
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema as never);
}
