/**
 * `npm run package [env]`: builds appPackage/build/appPackage.<env>.zip from appPackage/manifest.json and
 * env/.env.<env> (default "dev"). Exits non-zero, naming the variable and file, when a value is missing.
 */
import path from 'node:path';
import { buildAppPackage } from './package-app-builder';

const PROJECT_ROOT = path.resolve(__dirname, '..');

export function appPackagePaths(envName: string, projectRoot = PROJECT_ROOT) {
  // The name becomes part of two paths: keep it to the toolkit's plain environment names.
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(envName)) {
    throw new Error(`"${envName}" is not an environment name (letters, digits, - and _; e.g. dev, prod)`);
  }
  return {
    manifestTemplatePath: path.join(projectRoot, 'appPackage', 'manifest.json'),
    envFilePath: path.join(projectRoot, 'env', `.env.${envName}`),
    outputZipPath: path.join(projectRoot, 'appPackage', 'build', `appPackage.${envName}.zip`),
  };
}

async function main(argv: string[]): Promise<void> {
  const envName = argv[0] ?? 'dev';
  const built = await buildAppPackage(appPackagePaths(envName));
  console.log(`Built ${path.relative(process.cwd(), built.zipPath)} (Teams app ${String(built.manifest.id)})`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`package failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
