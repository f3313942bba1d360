/**
 * Builds the Teams app package: the manifest template with its ${{NAME}} placeholders filled from an env file,
 * validated offline against the bundled schema, zipped at the root with the two icons it names.
 */
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { readEnvFile } from './package-env-file';
import { substitutePlaceholders } from './package-placeholders';
import { validateManifestOffline } from './package-manifest-validator';

export interface BuildAppPackageOptions {
  manifestTemplatePath: string;
  envFilePath: string;
  outputZipPath: string;
}

export interface BuiltAppPackage {
  zipPath: string;
  manifest: Record<string, unknown> & { icons: { color: string; outline: string } };
}

export class InvalidManifestError extends Error {
  override readonly name = 'InvalidManifestError';
  constructor(readonly problems: string[], sourceLabel: string) {
    super(`The manifest built from ${sourceLabel} does not match its schema:\n  ${problems.join('\n  ')}`);
  }
}

function iconPaths(manifest: BuiltAppPackage['manifest'], templateDir: string): string[] {
  return [manifest.icons.color, manifest.icons.outline].map((iconName) => {
    const iconPath = path.join(templateDir, iconName);
    // Teams expects the icons at the zip root, next to manifest.json.
    if (path.basename(iconName) !== iconName) throw new Error(`icon "${iconName}" must be a file name without folders`);
    if (!fs.existsSync(iconPath)) throw new Error(`icon ${iconPath} is missing; run \`npx tsx scripts/package-icons.ts\``);
    return iconPath;
  });
}

export async function buildAppPackage(options: BuildAppPackageOptions): Promise<BuiltAppPackage> {
  const values = readEnvFile(options.envFilePath);
  const template = fs.readFileSync(options.manifestTemplatePath, 'utf8');
  const manifest = JSON.parse(substitutePlaceholders(template, values, options.envFilePath)) as BuiltAppPackage['manifest'];

  const problems = await validateManifestOffline(manifest);
  if (problems.length > 0) throw new InvalidManifestError(problems, `${options.manifestTemplatePath} and ${options.envFilePath}`);

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  for (const iconPath of iconPaths(manifest, path.dirname(options.manifestTemplatePath))) {
    zip.addFile(path.basename(iconPath), fs.readFileSync(iconPath));
  }
  fs.mkdirSync(path.dirname(options.outputZipPath), { recursive: true });
  zip.writeZip(options.outputZipPath);
  return { zipPath: options.outputZipPath, manifest };
}
