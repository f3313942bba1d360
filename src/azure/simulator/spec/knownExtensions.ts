/**
 * Plan extension names the simulator accepts. pricings.json 2024-01-01 has no enum for `Extension.name`, only a
 * description listing most names; `ApiPosture` and several others seen in the field are missing from it
 * (azure-rest-api-specs issue #43338). The simulator takes the names from that description plus this list,
 * and enforces them as an enum, so a misspelt name ("ApiPostur") is a 400 naming the field, as on ARM.
 */
export const EXTENSION_NAMES_SEEN_IN_THE_FIELD = [
  'SensitiveDataDiscovery',
  'ContainerRegistriesVulnerabilityAssessments',
  'AgentlessDiscoveryForKubernetes',
  'AgentlessVmScanning',
  'EntraPermissionsManagement',
  'ApiPosture',
  'AgentlessServerlessPosture',
  'ServerlessContainers',
  'DatabricksSecurityPosture',
] as const;

/** The CloudPosture (Defender CSPM) extension catalogue, in the order ARM lists it. */
export const CLOUD_POSTURE_EXTENSIONS: readonly string[] = EXTENSION_NAMES_SEEN_IN_THE_FIELD;

/** Names in bold (`**Name**`) in the spec's `Extension.name` description. */
export function extensionNamesFromDescription(description: string): string[] {
  return [...description.matchAll(/\*\*([A-Za-z0-9]+)\*\*/g)].map((match) => match[1]);
}

export function knownExtensionNames(specDescription: string): string[] {
  return [...new Set([...extensionNamesFromDescription(specDescription), ...EXTENSION_NAMES_SEEN_IN_THE_FIELD])];
}
