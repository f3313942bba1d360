/** `help`: every command with an example, short enough to read on a phone. */
import template from './templates/help.json';
import { expandTemplate } from './expand';
import { AdaptiveCardJson } from './types';
import { USAGE } from '../core/commands/command';

export interface HelpCommand {
  usage: string;
  description: string;
  example: string;
}

export const HELP_COMMANDS: HelpCommand[] = [
  { usage: USAGE.help, description: 'Show this list.', example: '@defender help' },
  {
    usage: USAGE.status,
    description: 'Defender for APIs, Defender CSPM and API posture on one subscription, plus its API Management services.',
    example: '@defender status "Contoso Prod"',
  },
  {
    usage: USAGE.posture,
    description: 'What Defender found on each API Management API: endpoints, unauthenticated, exposed to the internet, inactive, sensitive data. Onboard the rest.',
    example: '@defender posture "Contoso Dev"',
  },
  { usage: USAGE.alerts, description: 'Defender for APIs alerts of the last 7 days, newest first; without a subscription, on every one.', example: '@defender alerts "Contoso Dev"' },
  { usage: USAGE.list, description: 'Every subscription the bot can see, on or off, a page at a time.', example: '@defender list' },
  {
    usage: USAGE.enable,
    description: 'Preview the changes and send them for approval. Plan defaults to P1 (or the current one). Several subscriptions, or `all` where something is off, make one fleet request.',
    example: '@defender enable 00000000-0000-0000-0000-000000000000 plan P2',
  },
  { usage: USAGE.revert, description: 'A new request that puts back the settings an earlier request found.', example: '@defender revert req_abcdefghijklmnopqrst' },
  { usage: USAGE.onboard, description: 'Onboard every API Management API not yet in Defender for APIs; needs approval.', example: '@defender onboard "Contoso Prod"' },
  { usage: USAGE.register, description: 'Approvers: run it in the approvers\' channel so every new request is posted there too.', example: '@defender register approvals channel' },
  { usage: USAGE.requests, description: 'Open requests you can approve, reject or cancel.', example: '@defender requests' },
  { usage: USAGE.history, description: 'Recent requests, approvals and changes.', example: '@defender history "Contoso Prod"' },
];

const NOTES = [
  'A **subscription** is its GUID or display name, in any case; quotes help with spaces. The word "sub" before it is optional.',
  'In a channel or group chat, @mention the bot first.',
  'Changes need a second person to approve before they run.',
];

/** Code spans keep "<subscription>" visible: renderers drop it as an HTML tag in plain text. */
function asCode(usage: string): string {
  return `\`${usage}\``;
}

export function buildHelpCard(): AdaptiveCardJson {
  return expandTemplate(template, {
    title: '@defender commands',
    intro: 'Check and enable Defender for APIs and API security posture on Azure subscriptions.',
    commands: HELP_COMMANDS.map((command) => ({ ...command, usage: asCode(command.usage) })),
    notes: NOTES,
  });
}
