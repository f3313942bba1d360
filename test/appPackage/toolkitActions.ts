/**
 * The action names the Microsoft 365 Agents Toolkit accepts in teamsapp.yml `version: v1.8`, and the parameters
 * of those this project uses. Taken from the toolkit's own schema (microsoft-365-agents-toolkit,
 * packages/fx-core/resource/yaml-schema/v1.8/yaml.schema.json — served as
 * https://aka.ms/teams-toolkit/v1.8/yaml.schema.json), which cannot be fetched offline. In that schema every
 * `with` and `writeToEnvironmentFile` object has additionalProperties: false, so unknown keys are errors too.
 */
export const SCHEMA_VERSION = 'v1.8';
export const SCHEMA_URL = `https://aka.ms/teams-toolkit/${SCHEMA_VERSION}/yaml.schema.json`;

export const KNOWN_ACTIONS = new Set([
  'aadApp/create', 'aadApp/update', 'arm/deploy', 'azureStorage/enableStaticWebsite', 'azureStorage/deploy',
  'cli/runNpmCommand', 'cli/runDotnetCommand', 'cli/runNpxCommand', 'azureAppService/zipDeploy',
  'azureFunctions/zipDeploy', 'teamsApp/create', 'teamsApp/validateManifest', 'teamsApp/validateAppPackage',
  'teamsApp/validateWithTestCases', 'teamsApp/zipAppPackage', 'teamsApp/update', 'teamsApp/publishAppPackage',
  'teamsApp/extendToM365', 'teamsApp/copyAppPackageToSPFx', 'teamsApp/shareToOthers', 'botAadApp/create',
  'botFramework/create', 'file/createOrUpdateEnvironmentFile', 'file/createOrUpdateJsonFile', 'devTool/install',
  'spfx/deploy', 'script', 'apiKey/register', 'apiKey/update', 'oauth/register', 'oauth/update',
  'azureStaticWebApps/getDeploymentToken', 'devChannel/create', 'devChannel/installApp', 'typeSpec/compile',
]);

export const TOP_LEVEL_KEYS = new Set(['projectId', 'environmentFolderPath', 'version', 'additionalMetadata', 'provision', 'deploy', 'publish', 'share']);
export const STEP_KEYS = new Set(['uses', 'name', 'env', 'with', 'writeToEnvironmentFile']);

interface KeySpec { required: string[]; optional: string[] }
export interface ActionSpec { with: KeySpec; writeToEnvironmentFile?: KeySpec }

const keys = (required: string[], optional: string[] = []): KeySpec => ({ required, optional });

/** Parameters of the actions used here, as the v1.8 schema defines them. */
export const ACTION_SPECS: Record<string, ActionSpec> = {
  'teamsApp/create': { with: keys(['name']), writeToEnvironmentFile: keys(['teamsAppId']) },
  'aadApp/create': {
    with: keys(['name', 'generateClientSecret', 'signInAudience'], ['serviceManagementReference', 'clientSecretExpireDays', 'clientSecretDescription']),
    writeToEnvironmentFile: keys(['clientId', 'objectId'], ['clientSecret', 'tenantId', 'authority', 'authorityHost']),
  },
  'botAadApp/create': { with: keys(['name']), writeToEnvironmentFile: keys(['botId', 'botPassword']) },
  'botFramework/create': { with: keys(['botId', 'name', 'messagingEndpoint'], ['description', 'iconUrl', 'channels']) },
  'arm/deploy': { with: keys(['subscriptionId', 'resourceGroupName', 'templates'], ['bicepCliVersion']) },
  'teamsApp/validateManifest': { with: keys(['manifestPath']) },
  'teamsApp/zipAppPackage': { with: keys(['manifestPath', 'outputZipPath', 'outputFolder']) },
  'teamsApp/validateAppPackage': { with: keys(['appPackagePath']) },
  'teamsApp/update': { with: keys(['appPackagePath']) },
  'cli/runNpmCommand': { with: keys(['args'], ['workingDirectory']) },
  'azureAppService/zipDeploy': { with: keys(['artifactFolder', 'resourceId'], ['workingDirectory', 'ignoreFile', 'dryRun', 'outputZipFile']) },
  'file/createOrUpdateEnvironmentFile': { with: keys(['envs', 'target']) },
};

/** envVarName and secretEnvVarName in the schema. */
export const ENV_VAR_NAME = /^[A-Z][A-Z0-9_]*$/;
export const SECRET_ENV_VAR_NAME = /^SECRET_[A-Z0-9_]+$/;
