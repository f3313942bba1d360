/** Anything that is not a command, or a command used wrongly: the closest command and a pointer to help. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildMessageCard } from '../../cards';
import { COMMAND_NAMES, MAX_COMMAND_LENGTH, USAGE } from '../../core/commands/command';

/** "help, status, …, onboard and register", from the parser's own list. */
const COMMAND_LIST = `${COMMAND_NAMES.slice(0, -1).join(', ')} and ${COMMAND_NAMES.at(-1)}`;
import { sendCard } from '../host/cardReplies';
import { isTooLongForACommand, onCommand } from '../commandRoute';

const tooLongCard = () =>
  buildMessageCard({
    tone: 'warning',
    title: 'That message is too long',
    message: `Commands are at most ${MAX_COMMAND_LENGTH} characters, so I did not read this one and did nothing.`,
    nextStep: 'Type `help` to see every command with an example.',
  });

export function register(app: Application<TurnState>): void {
  onCommand(app, ['unknown', 'invalid'], async (context, command) => {
    if (isTooLongForACommand(context)) {
      await sendCard(context, tooLongCard());
      return;
    }
    if (command.kind === 'invalid') {
      await sendCard(
        context,
        buildMessageCard({
          tone: 'warning',
          title: `That ${command.command} command needs a fix`,
          message: `${command.problem[0].toUpperCase()}${command.problem.slice(1)}.`,
          nextStep: `Type \`${command.usage}\`, or \`help\` for every command.`,
        }),
      );
      return;
    }
    const suggestion = command.suggestion ? `Did you mean \`${USAGE[command.suggestion]}\`? ` : '';
    await sendCard(
      context,
      buildMessageCard({
        tone: 'default',
        title: "I don't know that command",
        message: `I answer to ${COMMAND_LIST}.`,
        nextStep: `${suggestion}Type \`help\` to see every command with an example.`,
      }),
    );
  });
}
