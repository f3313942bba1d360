import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnvText } from '../../scripts/package-env-file';
import { listPlaceholders } from '../../scripts/package-placeholders';
import { readBicep, stripComments } from './bicepSource';
import { PROJECT_ROOT } from './fixtures';
import { CLOUD_NAMES } from '../../src/config/clouds';

const bicepSource = fs.readFileSync(path.join(PROJECT_ROOT, 'infra', 'azure.bicep'), 'utf8');
const parametersText = fs.readFileSync(path.join(PROJECT_ROOT, 'infra', 'azure.parameters.json'), 'utf8');
const bicep = readBicep(bicepSource);
const resourceOfType = (type: string) => {
  const found = bicep.resources.filter((resource) => resource.type === type);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0].body;
};

/**
 * API versions reviewed by hand: each exists as a `stable/<version>` folder of its provider in the public Azure
 * REST API specs (looked up while writing the template). Nothing can compile or deploy the template offline, so
 * a new type or version must be reviewed the same way and added here.
 */
const REVIEWED_API_VERSIONS: Record<string, string[]> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': ['2023-01-31'],
  'Microsoft.Storage/storageAccounts': ['2023-05-01'],
  'Microsoft.Storage/storageAccounts/blobServices': ['2023-05-01'],
  'Microsoft.Storage/storageAccounts/blobServices/containers': ['2023-05-01'],
  'Microsoft.Authorization/roleAssignments': ['2022-04-01'],
  'Microsoft.Web/serverfarms': ['2023-12-01'],
  'Microsoft.Web/sites': ['2023-12-01'],
  'Microsoft.BotService/botServices': ['2022-09-15'],
  'Microsoft.BotService/botServices/channels': ['2022-09-15'],
};

describe('infra/azure.bicep', () => {
  it('has balanced brackets and strings (a minimal syntax check, as no Bicep compiler runs offline)', () => {
    assert.doesNotThrow(() => stripComments(bicepSource));
    assert.throws(() => stripComments("resource x 'a@b' = {\n  name: 'oops\n}"), /unterminated string/);
    assert.throws(() => stripComments('var x = {\n'), /unclosed/);
  });

  it('declares only resource types and API versions that were reviewed, and all the ones the bot needs', () => {
    for (const resource of bicep.resources) {
      assert.ok(REVIEWED_API_VERSIONS[resource.type]?.includes(resource.apiVersion), `${resource.type}@${resource.apiVersion} was not reviewed`);
    }
    assert.deepEqual(new Set(bicep.resources.map((resource) => resource.type)), new Set(Object.keys(REVIEWED_API_VERSIONS)));
  });

  it('runs the bot on Linux Node 20 over HTTPS only, as the user-assigned identity', () => {
    assert.match(resourceOfType('Microsoft.Web/serverfarms'), /reserved:\s*true/);
    const webApp = resourceOfType('Microsoft.Web/sites');
    assert.match(webApp, /linuxFxVersion:\s*'NODE\|20-lts'/);
    assert.match(webApp, /httpsOnly:\s*true/);
    assert.match(webApp, /type:\s*'UserAssigned'/);
    assert.match(webApp, /'\$\{identity\.id\}':\s*\{\}/);
  });

  it('starts the entry point the build produces, the same one as npm run start:prod', () => {
    const command = /appCommandLine:\s*'([^']+)'/.exec(resourceOfType('Microsoft.Web/sites'))?.[1];
    const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    assert.equal(command, scripts['start:prod']);
    // tsconfig.build.json compiles src/ into dist/, so dist/<name>.js comes from src/<name>.ts, which must run main().
    const entry = /^node (?:--\S+ )*dist\/(\S+)\.js$/.exec(command ?? '')?.[1];
    assert.ok(entry, `unexpected start command ${command}`);
    assert.match(fs.readFileSync(path.join(PROJECT_ROOT, 'src', `${entry}.ts`), 'utf8'), /^main\(\)/m);
  });

  it('gives the web app the settings the bot reads in production', () => {
    const webApp = resourceOfType('Microsoft.Web/sites');
    const settings = new Map([...webApp.matchAll(/name:\s*'(\w+)'\s*value:\s*([^\n]+)/g)].map((match) => [match[1], match[2].trim()]));
    assert.equal(settings.get('MicrosoftAppType'), "'UserAssignedMSI'");
    assert.equal(settings.get('MicrosoftAppId'), 'identity.properties.clientId');
    assert.equal(settings.get('AZURE_CLIENT_ID'), 'identity.properties.clientId');
    assert.equal(settings.get('MicrosoftAppTenantId'), 'identity.properties.tenantId');
    assert.equal(settings.get('DEFENDER_MODE'), "'production'");
    assert.equal(settings.get('DEFENDER_STORAGE'), "'blob'");
    assert.equal(settings.get('DEFENDER_CLOUD'), 'defenderCloudName');
    for (const name of ['DEFENDER_ALLOWED_TENANTS', 'DEFENDER_APPROVERS', 'DEFENDER_STORAGE_ACCOUNT_URL', 'DEFENDER_STORAGE_CONTAINER']) {
      assert.ok(settings.has(name), `app setting ${name} is missing`);
    }
  });

  it('sets DEFENDER_CLOUD to the named cloud, or to the cloud of the deployment, with the bot\'s own names for the clouds', () => {
    assert.match(bicep.code, /param defenderCloud string = ''/);
    const allowed = /@allowed\(\[([^\]]*)\]\)\s*param defenderCloud/.exec(bicep.code)?.[1].match(/'[^']*'/g);
    assert.deepEqual(allowed, ["''", ...CLOUD_NAMES.map((name) => `'${name}'`)]);
    assert.match(bicep.code, /var defenderCloudName = empty\(defenderCloud\) \? cloudOfDeployment : defenderCloud/);
    const mapping = /var cloudOfDeployment = ([^\n]+)/.exec(bicep.code)?.[1] ?? '';
    for (const [azureName, cloud] of [['AzureUSGovernment', 'AzureUSGovernment'], ['AzureChinaCloud', 'AzureChina']]) {
      assert.match(mapping, new RegExp(`environment\\(\\)\\.name == '${azureName}' \\? '${cloud}'`));
    }
    assert.match(mapping, /: 'AzurePublic'\)$/);
  });

  it('registers an Azure Bot on the managed identity, pointing at the web app, with the Teams channel', () => {
    const bot = resourceOfType('Microsoft.BotService/botServices');
    assert.match(bot, /kind:\s*'azurebot'/);
    assert.match(bot, /msaAppType:\s*'UserAssignedMSI'/);
    assert.match(bot, /msaAppId:\s*identity\.properties\.clientId/);
    assert.match(bot, /msaAppMSIResourceId:\s*identity\.id/);
    assert.match(bot, /msaAppTenantId:\s*identity\.properties\.tenantId/);
    assert.match(bot, /endpoint:\s*'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    const channel = resourceOfType('Microsoft.BotService/botServices/channels');
    assert.match(channel, /name:\s*'MsTeamsChannel'/);
    assert.match(channel, /channelName:\s*'MsTeamsChannel'/);
  });

  it('keeps the storage account private and keyless, and lets only the identity use its blobs', () => {
    const storage = resourceOfType('Microsoft.Storage/storageAccounts');
    assert.match(storage, /kind:\s*'StorageV2'/);
    assert.match(storage, /minimumTlsVersion:\s*'TLS1_2'/);
    assert.match(storage, /allowBlobPublicAccess:\s*false/);
    assert.match(storage, /allowSharedKeyAccess:\s*false/);
    assert.match(resourceOfType('Microsoft.Storage/storageAccounts/blobServices/containers'), /publicAccess:\s*'None'/);
    const role = resourceOfType('Microsoft.Authorization/roleAssignments');
    assert.match(bicep.code, /storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'/);
    assert.match(role, /principalId:\s*identity\.properties\.principalId/);
    assert.match(role, /principalType:\s*'ServicePrincipal'/);
  });

  it('outputs what teamsapp.yml and the manifest use', () => {
    for (const output of ['BOT_ID', 'BOT_DOMAIN', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_TENANT_ID', 'BOT_PRINCIPAL_ID']) {
      assert.ok(bicep.outputs.includes(output), `output ${output} is missing`);
    }
  });
});

describe('infra/azure.parameters.json', () => {
  const parameters = JSON.parse(parametersText).parameters as Record<string, { value: unknown }>;

  it('sets only declared params, and every param without a default', () => {
    for (const name of Object.keys(parameters)) assert.ok(bicep.params.has(name), `${name} is not a param of azure.bicep`);
    for (const [name, { hasDefault }] of bicep.params) {
      if (!hasDefault) assert.ok(name in parameters, `required param ${name} has no value in azure.parameters.json`);
    }
  });

  it('only uses ${{VARIABLES}} declared in env/.env.dev', () => {
    const devEnv = parseEnvText(fs.readFileSync(path.join(PROJECT_ROOT, 'env', '.env.dev'), 'utf8'), 'env/.env.dev');
    for (const name of listPlaceholders(parametersText)) assert.ok(devEnv.has(name), `${name} is not declared in env/.env.dev`);
  });
});
