import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { buildAppPackage } from '../../scripts/package-app-builder';
import { appPackagePaths } from '../../scripts/package-app';
import { validateManifestOffline } from '../../scripts/package-manifest-validator';
import { MissingVariablesError } from '../../scripts/package-placeholders';
import { parseEnvText } from '../../scripts/package-env-file';
import { makeTempDir, MANIFEST_TEMPLATE, PROJECT_ROOT, SAMPLE_VALUES, writeEnvFile } from './fixtures';

describe('npm run package (buildAppPackage)', () => {
  let dir: string;
  beforeEach(() => { dir = makeTempDir(); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('zips manifest.json and both icons at the root, with every placeholder filled and the manifest valid', async () => {
    const outputZipPath = path.join(dir, 'out', 'appPackage.test.zip');
    await buildAppPackage({ manifestTemplatePath: MANIFEST_TEMPLATE, envFilePath: writeEnvFile(dir, SAMPLE_VALUES), outputZipPath });

    const zip = new AdmZip(outputZipPath);
    assert.deepEqual(zip.getEntries().map((entry) => entry.entryName).sort(), ['color.png', 'manifest.json', 'outline.png']);
    const manifestText = zip.readAsText('manifest.json');
    assert.ok(!manifestText.includes('${{'), 'a placeholder was left in the zipped manifest');
    const manifest = JSON.parse(manifestText);
    assert.deepEqual(await validateManifestOffline(manifest), []);
    assert.equal(manifest.id, SAMPLE_VALUES.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, SAMPLE_VALUES.BOT_ID);
    assert.deepEqual(manifest.validDomains, [SAMPLE_VALUES.BOT_DOMAIN]);
    assert.equal(PNG.sync.read(zip.readFile('outline.png')!).width, 32);
  });

  it('names the missing variable and the env file, and writes no zip', async () => {
    const envFilePath = writeEnvFile(dir, { ...SAMPLE_VALUES, BOT_ID: undefined });
    const outputZipPath = path.join(dir, 'appPackage.zip');
    await assert.rejects(
      buildAppPackage({ manifestTemplatePath: MANIFEST_TEMPLATE, envFilePath, outputZipPath }),
      (error: unknown) => {
        assert.ok(error instanceof MissingVariablesError);
        assert.deepEqual(error.variables, ['BOT_ID']);
        assert.ok(error.message.includes('BOT_ID') && error.message.includes(envFilePath), error.message);
        return true;
      },
    );
    assert.ok(!fs.existsSync(outputZipPath));
  });

  it('treats an empty value (as in a not yet provisioned env/.env.dev) as missing', async () => {
    const envFilePath = writeEnvFile(dir, { ...SAMPLE_VALUES, TEAMS_APP_ID: '', BOT_DOMAIN: '' });
    await assert.rejects(
      buildAppPackage({ manifestTemplatePath: MANIFEST_TEMPLATE, envFilePath, outputZipPath: path.join(dir, 'a.zip') }),
      /TEAMS_APP_ID, BOT_DOMAIN have no value in .*\.env\.test/,
    );
  });

  it('refuses a value that makes the manifest invalid, quoting the schema error', async () => {
    const envFilePath = writeEnvFile(dir, { ...SAMPLE_VALUES, DEVELOPER_NAME: 'A developer name far longer than Teams allows' });
    await assert.rejects(
      buildAppPackage({ manifestTemplatePath: MANIFEST_TEMPLATE, envFilePath, outputZipPath: path.join(dir, 'a.zip') }),
      /does not match its schema:[\s\S]*\/developer\/name/,
    );
  });

  it('the CLI exits non-zero and names the env file when the environment does not exist', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', 'package-app.ts'), 'no-such-env'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /package failed: .*env[\\/]\.env\.no-such-env does not exist/);
  });

  it('maps an environment name to env/.env.<name> and appPackage/build/appPackage.<name>.zip, refusing path tricks', () => {
    const paths = appPackagePaths('prod', '/project');
    assert.equal(paths.envFilePath, path.join('/project', 'env', '.env.prod'));
    assert.equal(paths.outputZipPath, path.join('/project', 'appPackage', 'build', 'appPackage.prod.zip'));
    assert.throws(() => appPackagePaths('../secrets'), /not an environment name/);
  });
});

describe('env file parser', () => {
  it('reads KEY=value lines, quotes and comments the way dotenv does', () => {
    const values = parseEnvText('# c\nA=1\nexport B="two words"\nC=\'x # y\'\nD=https://e.com/#frag # note\nE=\n', 't');
    assert.deepEqual(Object.fromEntries(values), { A: '1', B: 'two words', C: 'x # y', D: 'https://e.com/#frag', E: '' });
  });

  it('names the file and line of a malformed line', () => {
    assert.throws(() => parseEnvText('A=1\nnot a pair\n', 'env/.env.x'), /env\/\.env\.x:2: "not a pair"/);
  });
});
