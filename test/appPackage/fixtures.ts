/** Shared paths and a sample env file: the values provision would write, so the template can be built in a temp dir. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const MANIFEST_TEMPLATE = path.join(PROJECT_ROOT, 'appPackage', 'manifest.json');

export const SAMPLE_VALUES: Record<string, string> = {
  TEAMS_APP_ID: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  BOT_ID: '0b7e9a1c-2d3f-4a5b-9c6d-7e8f9a0b1c2d',
  BOT_DOMAIN: 'app-defender-defdev01.azurewebsites.net',
  DEVELOPER_NAME: 'Contoso Cloud Security',
  DEVELOPER_WEBSITE_URL: 'https://www.example.com/defender',
  DEVELOPER_PRIVACY_URL: 'https://www.example.com/defender/privacy',
  DEVELOPER_TERMS_URL: 'https://www.example.com/defender/terms',
};

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'defender-apppackage-'));
}

export function writeEnvFile(dir: string, values: Record<string, string | undefined>, name = '.env.test'): string {
  const lines = Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`);
  const filePath = path.join(dir, name);
  fs.writeFileSync(filePath, `# written by a test\n${lines.join('\n')}\n`);
  return filePath;
}
