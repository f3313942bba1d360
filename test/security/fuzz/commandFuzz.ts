/** Fuzzes message texts through the real bot: every one is answered, none errs, none writes to ARM. */
import fc from 'fast-check';
import { messageActivity, type ConversationKind } from '../../bot/conversations';
import { commandText } from './commandTexts';
import { FUZZ_USERS, type FuzzBot } from './fuzzBot';

const KINDS: ConversationKind[] = ['personal', 'groupChat', 'channel'];

export async function fuzzCommands(fuzz: FuzzBot, options: { numRuns: number; seed?: number }): Promise<void> {
  await fc.assert(
    fc.asyncProperty(commandText, fc.constantFrom(...FUZZ_USERS), fc.constantFrom(...KINDS), async (text, user, kind) => {
      const activity = messageActivity(text, user, kind);
      // The bot answers any text that is not blank once its own mention is removed (blank means nothing was said).
      const blank = !text.trim();
      await fuzz.turn(activity, !blank);
    }),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
  );
  await fuzz.assertInvariants();
}
