/**
 * Routes a message to the handler of its command. The text is parsed once per turn (after teams-ai
 * has removed the bot's own mention) and each command file claims its kind.
 */
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { Command, MAX_COMMAND_LENGTH } from '../core/commands/command';
import { normaliseCommandText, parseCommand } from '../core/commands/parseCommand';

const PARSED_COMMAND_KEY = Symbol('defender.command');
const TOO_LONG_KEY = Symbol('defender.tooLong');

/**
 * Raw text (markup included) longer than this is refused before any regex reads it: normalising mention and
 * HTML markup is quadratic on crafted input (240 KB of "<at" took over 30 s of the one event loop).
 */
export const MAX_RAW_MESSAGE_LENGTH = 4 * MAX_COMMAND_LENGTH;

/** Too long to be a command: over the raw cap, or over MAX_COMMAND_LENGTH once mentions and markup are removed. */
export function isTooLongForACommand(context: TurnContext): boolean {
  const text = context.activity.text ?? '';
  let tooLong = context.turnState.get(TOO_LONG_KEY) as boolean | undefined;
  if (tooLong === undefined) {
    tooLong = text.length > MAX_RAW_MESSAGE_LENGTH || normaliseCommandText(text).length > MAX_COMMAND_LENGTH;
    context.turnState.set(TOO_LONG_KEY, tooLong);
  }
  return tooLong;
}

export function commandOf(context: TurnContext): Command | undefined {
  const activity = context.activity;
  if (activity.type !== 'message' || typeof activity.text !== 'string' || !activity.text.trim()) return undefined;
  let command = context.turnState.get(PARSED_COMMAND_KEY) as Command | undefined;
  if (!command) {
    command = isTooLongForACommand(context) ? { kind: 'unknown', text: '' } : parseCommand(activity.text);
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
