import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildHelpCard } from '../../cards';
import { sendCard } from '../host/cardReplies';
import { onCommand } from '../commandRoute';

export function register(app: Application<TurnState>): void {
  onCommand(app, 'help', async (context) => {
    await sendCard(context, buildHelpCard());
  });
}
