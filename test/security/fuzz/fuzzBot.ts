/**
 * The bot under fuzzing: the real harness, a captured debug log, and the invariants every fuzzed turn must keep.
 * Shared by the CI fuzz tests and `scripts/fuzz.ts` (bigger runs).
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { BotHarness, cardText, createBotHarness } from '../../bot/harness';
import { ANONYMOUS, APPROVER, BYSTANDER, REQUESTER, SECOND_APPROVER, type TeamsUser } from '../../bot/people';
import { captureLog, type CapturedLog } from '../support/logCapture';

export const FUZZ_USERS: TeamsUser[] = [REQUESTER, APPROVER, SECOND_APPROVER, BYSTANDER, ANONYMOUS];
export const APPROVER_USERS = new Set([APPROVER.id, SECOND_APPROVER.id]);

export interface FuzzBot {
  bot: BotHarness;
  log: CapturedLog;
  /** Runs one activity and checks the per-turn invariants; `expectAnswer` false for a blank message. */
  turn(activity: Partial<Activity>, expectAnswer: boolean): Promise<void>;
  /** The end-of-run invariants: zero ARM writes, no internal error, no polluted prototype. */
  assertInvariants(): Promise<void>;
  turns: number;
  close(): Promise<void>;
}

export async function createFuzzBot(): Promise<FuzzBot> {
  const log = captureLog('debug');
  const bot = await createBotHarness({ logger: log.logger });
  const fuzz: FuzzBot = {
    bot,
    log,
    turns: 0,
    async turn(activity, expectAnswer) {
      fuzz.turns += 1;
      const sent = await bot.process(activity);
      const answered = sent.some((reply) => reply.type === 'invokeResponse' || reply.type === 'message');
      if (expectAnswer) assert.ok(answered, `no answer to ${JSON.stringify(activity).slice(0, 300)}`);
      for (const reply of sent) {
        const text = cardText(reply);
        assert.doesNotMatch(text, /internal error|Something went wrong/, `internal error for ${JSON.stringify(activity).slice(0, 300)}`);
      }
    },
    async assertInvariants() {
      await bot.settle();
      assert.deepEqual(bot.simulator.writes(), [], 'zero ARM writes');
      const failures = log.lines().filter((line) => Number(line.level) >= 50 || line.msg === 'turn failed');
      assert.deepEqual(failures, [], 'no error was logged');
      assert.equal(Object.getOwnPropertyNames(Object.prototype).filter((name) => !BUILTIN_PROTOTYPE_KEYS.has(name)).length, 0, 'Object.prototype untouched');
    },
    close: () => bot.close(),
  };
  return fuzz;
}

const BUILTIN_PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
