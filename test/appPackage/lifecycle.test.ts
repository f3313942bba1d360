import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseEnvText } from '../../scripts/package-env-file';
import { listPlaceholders } from '../../scripts/package-placeholders';
import { readBicep } from './bicepSource';
import { PROJECT_ROOT } from './fixtures';
import { ACTION_SPECS, ENV_VAR_NAME, KNOWN_ACTIONS, SCHEMA_URL, SCHEMA_VERSION, SECRET_ENV_VAR_NAME, STEP_KEYS, TOP_LEVEL_KEYS } from './toolkitActions';

interface Step { uses: string; name?: string; with?: Record<string, any>; writeToEnvironmentFile?: Record<string, string> }
type ProjectFile = { version: string; provision: Step[]; deploy: Step[] } & Record<string, unknown>;

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const devEnv = parseEnvText(read('env/.env.dev'), 'env/.env.dev');
const armOutputs = readBicep(read('infra/azure.bicep')).outputs;
/** What a developer puts in the git-ignored env/.env.local before provisioning locally (listed in docs/deploy.md). */
const LOCAL_ENV_SET_BY_HAND = [
  'TEAMSFX_ENV', 'APP_NAME_SUFFIX', 'BOT_ENDPOINT', 'BOT_DOMAIN', 'DEFENDER_APPROVERS',
  'DEVELOPER_NAME', 'DEVELOPER_WEBSITE_URL', 'DEVELOPER_PRIVACY_URL', 'DEVELOPER_TERMS_URL',
];

/** Every problem with a project file against the toolkit's v1.8 rules; the tests assert the list is empty. */
function problemsOf(file: ProjectFile): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(file)) if (!TOP_LEVEL_KEYS.has(key)) problems.push(`unknown top-level key ${key}`);
  if (file.version !== SCHEMA_VERSION) problems.push(`version is ${file.version}, expected ${SCHEMA_VERSION}`);
  for (const [stage, steps] of Object.entries({ provision: file.provision, deploy: file.deploy })) {
    steps.forEach((step, index) => {
      const where = `${stage}[${index}] ${step.uses}`;
      if (!KNOWN_ACTIONS.has(step.uses)) return problems.push(`${where}: not an action of the toolkit's ${SCHEMA_VERSION} schema`);
      for (const key of Object.keys(step)) if (!STEP_KEYS.has(key)) problems.push(`${where}: unknown key ${key}`);
      const spec = ACTION_SPECS[step.uses];
      if (!spec) return problems.push(`${where}: parameters not listed in toolkitActions.ts; add them from the schema`);
      for (const [part, keySpec] of Object.entries({ with: spec.with, writeToEnvironmentFile: spec.writeToEnvironmentFile })) {
        const given = (step as any)[part] as Record<string, unknown> | undefined;
        if (!keySpec) { if (given) problems.push(`${where}: takes no ${part}`); continue; }
        for (const key of keySpec.required) if (given?.[key] === undefined) problems.push(`${where}: ${part}.${key} is required`);
        for (const key of Object.keys(given ?? {})) {
          if (!keySpec.required.includes(key) && !keySpec.optional.includes(key)) problems.push(`${where}: ${part}.${key} is not a parameter`);
        }
      }
      for (const [key, variable] of Object.entries(step.writeToEnvironmentFile ?? {})) {
        const pattern = key === 'clientSecret' || key === 'botPassword' ? SECRET_ENV_VAR_NAME : ENV_VAR_NAME;
        if (!pattern.test(variable)) problems.push(`${where}: ${variable} does not match ${pattern}`);
      }
    });
  }
  return problems;
}

/** Variables a step reads that neither the env file, an earlier step, nor (after arm/deploy) a Bicep output provides. */
function undefinedVariables(file: ProjectFile, available: Iterable<string>): string[] {
  const known = new Set(available);
  const missing: string[] = [];
  for (const step of [...file.provision, ...file.deploy]) {
    // The manifest steps also fill the manifest template's placeholders.
    const manifestText = step.with?.manifestPath ? read(step.with.manifestPath) : '';
    for (const name of listPlaceholders(JSON.stringify(step.with ?? {}) + manifestText)) {
      if (!known.has(name)) missing.push(`${step.uses} reads ${name}`);
    }
    for (const variable of Object.values(step.writeToEnvironmentFile ?? {})) known.add(variable);
    if (step.uses === 'arm/deploy') armOutputs.forEach((output) => known.add(output));
  }
  return missing;
}

for (const fileName of ['teamsapp.yml', 'teamsapp.local.yml']) {
  describe(fileName, () => {
    const text = read(fileName);
    const file = parse(text) as ProjectFile;

    it(`starts with the yaml-language-server comment for the ${SCHEMA_VERSION} schema`, () => {
      assert.equal(text.split('\n')[0], `# yaml-language-server: $schema=${SCHEMA_URL}`);
    });

    it('uses only action names and parameters of the toolkit schema', () => {
      assert.deepEqual(problemsOf(file), []);
    });

    it('refers only to files that exist', () => {
      const paths = [...file.provision, ...file.deploy].flatMap((step) => [
        step.with?.manifestPath, step.with?.ignoreFile, ...(step.with?.templates ?? []).flatMap((t: any) => [t.path, t.parameters]),
      ]).filter((value): value is string => typeof value === 'string');
      assert.ok(paths.length >= 2);
      for (const relative of paths) assert.ok(fs.existsSync(path.join(PROJECT_ROOT, relative)), `${relative} does not exist`);
    });

    it('zips, validates and uploads the same package path', () => {
      const zipPaths = file.provision.flatMap((step) => [step.with?.outputZipPath, step.with?.appPackagePath]).filter(Boolean);
      assert.ok(zipPaths.length >= 3);
      assert.equal(new Set(zipPaths).size, 1, zipPaths.join(', '));
    });
  });
}

describe('the lifecycle checks can fail', () => {
  it('reports an unknown action, a misspelt parameter and a missing one', () => {
    const file = parse(read('teamsapp.yml')) as ProjectFile;
    file.provision.push({ uses: 'teamsApp/deployEverything' }, { uses: 'teamsApp/update', with: { appPackagePth: 'x' } });
    const problems = problemsOf(file);
    assert.ok(problems.some((line) => line.includes('teamsApp/deployEverything: not an action')), problems.join('\n'));
    assert.ok(problems.some((line) => line.includes('with.appPackagePth is not a parameter')), problems.join('\n'));
    assert.ok(problems.some((line) => line.includes('with.appPackagePath is required')), problems.join('\n'));
  });
});

describe('teamsapp.yml (cloud)', () => {
  const file = parse(read('teamsapp.yml')) as ProjectFile;
  const actions = (steps: Step[]) => steps.map((step) => step.uses);

  it('provisions the Teams app, the Azure resources, then validates, zips and uploads the package', () => {
    assert.deepEqual(actions(file.provision), [
      'teamsApp/create', 'arm/deploy', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update',
    ]);
    const arm = file.provision[1].with!;
    assert.deepEqual(arm.templates.map((t: any) => [t.path, t.parameters]), [['./infra/azure.bicep', './infra/azure.parameters.json']]);
  });

  it('deploys by installing, building, then zip-deploying to the web app from the Bicep output', () => {
    const npmArgs = file.deploy.filter((step) => step.uses === 'cli/runNpmCommand').map((step) => step.with!.args);
    assert.match(npmArgs[0], /^install\b/);
    assert.ok(npmArgs.includes('run build'));
    const zipDeploy = file.deploy.at(-1)!;
    assert.equal(zipDeploy.uses, 'azureAppService/zipDeploy');
    assert.equal(zipDeploy.with!.resourceId, '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
  });

  it('reads only variables that env/.env.dev declares or an earlier step writes', () => {
    assert.deepEqual(undefinedVariables(file, devEnv.keys()), []);
  });
});

describe('teamsapp.local.yml (local debugging in Teams)', () => {
  const file = parse(read('teamsapp.local.yml')) as ProjectFile;

  it('creates a bot identity and registers the bot with the Teams channel, then writes .localConfigs', () => {
    const actions = [...file.provision, ...file.deploy].map((step) => step.uses);
    assert.ok(actions.includes('aadApp/create') || actions.includes('botAadApp/create'));
    const registration = file.provision.find((step) => step.uses === 'botFramework/create')!;
    assert.deepEqual(registration.with!.channels, [{ name: 'msteams' }]);
    assert.equal(registration.with!.messagingEndpoint, '${{BOT_ENDPOINT}}/api/messages');
    const localConfigs = file.deploy.find((step) => step.uses === 'file/createOrUpdateEnvironmentFile')!;
    assert.equal(localConfigs.with!.target, './.localConfigs');
    assert.equal(localConfigs.with!.envs.MicrosoftAppPassword, '${{SECRET_BOT_PASSWORD}}');
  });

  it('reads only variables an earlier step writes or the developer sets as docs/deploy.md says', () => {
    assert.deepEqual(undefinedVariables(file, LOCAL_ENV_SET_BY_HAND), []);
    const docs = read('docs/deploy.md');
    for (const name of LOCAL_ENV_SET_BY_HAND) assert.ok(docs.includes(name), `docs/deploy.md does not tell the developer to set ${name}`);
  });
});
