/**
 * Routes a message to the handler of its command. The text is parsed once per turn (after teams-ai
 * has removed the bot's own mention) and each command file claims its kind.
 */
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { Command } from '../core/commands/command';
import { parseCommand } from '../core/commands/parseCommand';

const PARSED_COMMAND_KEY = Symbol('defender.command');

export function commandOf(context: TurnContext): Command | undefined {
  const activity = context.activity;
  if (activity.type !== 'message' || typeof activity.text !== 'string' || !activity.text.trim()) return undefined;
  let command = context.turnState.get(PARSED_COMMAND_KEY) as Command | undefined;
  if (!command) {
    command = parseCommand(activity.text);
    context.turnState.set(PARSED_COMMAND_KEY, command);
  }
  return command;
}

export function onCommand<K extends Command['kind']>(
  app: Application<TurnState>,
  kinds: K | K[],
  handler: (context: TurnContext, command: Extract<Command, { kind: K }>) => Promise<void>,
): void {
  const wanted: string[] = Array.isArray(kinds) ? kinds : [kinds];
  app.message(
    async (context) => wanted.includes(commandOf(context)?.kind ?? ''),
    async (context) => handler(context, commandOf(context) as Extract<Command, { kind: K }>),
  );
}
