/**
 * threat: a forged activity whose sender identity has the wrong shape (an array or a number where Teams sends
 * text). It gets a clear refusal, never silence or "Something went wrong", nothing is opened, and the log warns.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { VERBS } from '../../src/cards';
import { actionExecuteActivity, messageActivity } from '../bot/conversations';
import { cardOf, cardText, createBotHarness, type BotHarness } from '../bot/harness';
import { REQUESTER } from '../bot/people';
import { captureLog, type CapturedLog } from './support/logCapture';

const MALFORMED: Array<[string, unknown]> = [
  ['from.id is a number', { id: 42, name: 'Mallory', aadObjectId: REQUESTER.aadObjectId }],
  ['from.aadObjectId is an array holding a real object id', { id: '29:mallory', name: 'Mallory', aadObjectId: [REQUESTER.aadObjectId] }],
  ['from.id is an array', { id: ['29:a', '29:b'], name: 'Mallory' }],
  ['from.name is an object', { id: '29:mallory', name: { first: 'Mallory' }, aadObjectId: REQUESTER.aadObjectId }],
];

describe('security: malformed sender identities', () => {
  let bot: BotHarness;
  let log: CapturedLog;
  beforeEach(async () => {
    log = captureLog('warn');
    bot = await createBotHarness({ logger: log.logger });
  });
  afterEach(() => bot.close());

  for (const [label, from] of MALFORMED) {
    it(`threat: ${label}: a message gets a clear refusal, nothing is opened, and the log warns`, async () => {
      const sent = await bot.process({ ...messageActivity('enable "Contoso Prod"', REQUESTER), from } as unknown as Partial<Activity>);
      assert.equal(sent.length, 1);
      const text = cardText(cardOf(sent[0]));
      assert.match(text, /malformed identity \(from\.\w+ is not text\), so I did nothing/);
      assert.doesNotMatch(text, /Something went wrong/);
      assert.deepEqual(await bot.deps.audit.list({ limit: 5 }), [], 'no request was opened');
      assert.ok(log.lines().some((line) => line.msg === 'refused an activity whose sender identity is malformed'));
      assert.ok(!log.lines().some((line) => line.level === 50), 'no internal error was logged');
    });

    it(`threat: ${label}: a card click gets the refusal as its invoke answer`, async () => {
      const sent = await bot.process({ ...actionExecuteActivity(VERBS.approve, { requestId: 'req_aaaaaaaaaaaaaaaaaaaa', planHash: 'a'.repeat(64) }, REQUESTER), from } as unknown as Partial<Activity>);
      const response = sent.find((activity) => activity.type === 'invokeResponse');
      assert.ok(response, 'the invoke was answered');
      assert.match(cardText((response.value as { body: { value: unknown } }).body.value), /malformed identity/);
    });
  }
});
