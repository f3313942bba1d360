import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseEnvText } from '../../scripts/package-env-file';
import { listPlaceholders, substitutePlaceholders } from '../../scripts/package-placeholders';
import { loadBundledSchema, validateManifestOffline } from '../../scripts/package-manifest-validator';
import { MANIFEST_TEMPLATE, PROJECT_ROOT, SAMPLE_VALUES } from './fixtures';

const template = fs.readFileSync(MANIFEST_TEMPLATE, 'utf8');
const renderedWithSamples = () => JSON.parse(substitutePlaceholders(template, new Map(Object.entries(SAMPLE_VALUES)), 'samples'));

describe('appPackage/manifest.json', () => {
  it('is valid against the bundled schema of its manifestVersion once placeholders are filled', async () => {
    const manifest = renderedWithSamples();
    assert.deepEqual(await validateManifestOffline(manifest), []);
  });

  it('uses a current manifest version whose $schema URL matches it', () => {
    const manifest = JSON.parse(template);
    const [major, minor] = manifest.manifestVersion.split('.').map(Number);
    assert.ok(major === 1 && minor >= 22, `manifestVersion ${manifest.manifestVersion} is older than 1.22`);
    assert.match(manifest.$schema, new RegExp(`/teams/v${manifest.manifestVersion.replace('.', '\\.')}/MicrosoftTeams\\.schema\\.json$`));
  });

  it('rejects a manifest that breaks the schema (the validator can fail)', async () => {
    const manifest = renderedWithSamples();
    manifest.bots[0].commandLists[0].commands[0].description = 'x'.repeat(5000);
    manifest.id = 'not-a-guid';
    const problems = await validateManifestOffline(manifest);
    assert.ok(problems.some((line) => line.startsWith('/id ')), problems.join('\n'));
    assert.ok(problems.some((line) => line.includes('/commandLists/0/commands/0/description')), problems.join('\n'));
  });

  it('declares one conversational bot in personal, team and group chat scopes', () => {
    const { bots } = renderedWithSamples();
    assert.equal(bots.length, 1);
    assert.equal(bots[0].botId, SAMPLE_VALUES.BOT_ID);
    assert.deepEqual([...bots[0].scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.equal(bots[0].supportsFiles, false);
    assert.equal(bots[0].isNotificationOnly, false);
  });

  it('lists every bot command in every scope, within the schema limits and Teams\' 32/128 character limits', () => {
    const manifest = renderedWithSamples();
    const commandSchema = (loadBundledSchema(manifest.manifestVersion) as any).properties.bots.items.properties.commandLists.items.properties
      .commands.items.properties;
    const expected = ['help', 'status', 'list', 'enable', 'requests', 'history'];
    for (const scope of ['personal', 'team', 'groupChat']) {
      const list = manifest.bots[0].commandLists.find((candidate: any) => candidate.scopes.includes(scope));
      assert.ok(list, `no command list for scope ${scope}`);
      assert.deepEqual(list.commands.map((command: any) => command.title), expected);
      for (const command of list.commands) {
        assert.ok(command.title.length <= Math.min(32, commandSchema.title.maxLength), `title "${command.title}" too long`);
        assert.ok(command.description.length > 0 && command.description.length <= Math.min(128, commandSchema.description.maxLength),
          `description of "${command.title}" is ${command.description.length} characters`);
      }
    }
  });

  it('names and describes the app as the issue asks', () => {
    const manifest = renderedWithSamples();
    assert.deepEqual(manifest.name, { short: 'Defender', full: 'Defender ChatOps for Azure' });
    assert.match(manifest.description.short, /Defender for APIs/);
    assert.match(manifest.description.full, /Defender for APIs/);
    assert.match(manifest.description.full, /API security posture management/);
    assert.match(manifest.description.full, /approv/);
  });

  it('takes ids, the bot domain and developer links from toolkit placeholders, all declared in env/.env.dev', () => {
    const placeholders = listPlaceholders(template).sort();
    assert.deepEqual(placeholders, Object.keys(SAMPLE_VALUES).sort());
    const manifest = JSON.parse(template);
    assert.equal(manifest.id, '${{TEAMS_APP_ID}}');
    assert.deepEqual(manifest.validDomains, ['${{BOT_DOMAIN}}']);
    const devEnv = parseEnvText(fs.readFileSync(`${PROJECT_ROOT}/env/.env.dev`, 'utf8'), 'env/.env.dev');
    for (const name of placeholders) assert.ok(devEnv.has(name), `${name} is not declared in env/.env.dev`);
    for (const name of ['DEVELOPER_WEBSITE_URL', 'DEVELOPER_PRIVACY_URL', 'DEVELOPER_TERMS_URL']) {
      assert.match(devEnv.get(name) ?? '', /^https:\/\//, `${name} default must be an https URL`);
    }
  });
});
