/** `help`: every command with an example, short enough to read on a phone. */
import template from './templates/help.json';
import { expandTemplate } from './expand';
import { AdaptiveCardJson } from './types';

export interface HelpCommand {
  usage: string;
  description: string;
  example: string;
}

export const HELP_COMMANDS: HelpCommand[] = [
  { usage: 'help', description: 'Show this list.', example: '@defender help' },
  {
    usage: 'status <subscription>',
    description: 'Defender for APIs, Defender CSPM and API posture on one subscription, plus its API Management services.',
    example: '@defender status "Contoso Prod"',
  },
  { usage: 'list', description: 'Every subscription the bot can see, on or off, a page at a time.', example: '@defender list' },
  {
    usage: 'enable <subscription> [plan P1..P5]',
    description: 'Preview the changes and send them for approval. Plan defaults to P1 (or the current one).',
    example: '@defender enable 00000000-0000-0000-0000-000000000000 plan P2',
  },
  { usage: 'requests', description: 'Open requests you can approve, reject or cancel.', example: '@defender requests' },
  { usage: 'history [subscription]', description: 'Recent requests, approvals and changes.', example: '@defender history "Contoso Prod"' },
];

const NOTES = [
  'A **subscription** is its GUID or display name, in any case; quotes help with spaces. The word "sub" before it is optional.',
  'In a channel or group chat, @mention the bot first.',
  'Changes need a second person to approve before they run.',
];

export function buildHelpCard(): AdaptiveCardJson {
  return expandTemplate(template, {
    title: '@defender commands',
    intro: 'Check and enable Defender for APIs and API security posture on Azure subscriptions.',
    commands: HELP_COMMANDS,
    notes: NOTES,
  });
}
