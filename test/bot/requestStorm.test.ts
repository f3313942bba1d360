/**
 * 300 people each send `enable <guid>` at once, for 300 subscriptions, through the real Application on the file
 * store. Locks are per subscription, so nobody contends: every request is created whole (its lock held, its
 * `request.created` entry written), nobody is told "something went wrong", and nothing is left half-made.
 */
import assert from 'node:assert/strict';
import { generateFleetSeed } from '../../src/azure/simulator';
import { VERBS } from '../../src/cards';
import { verifyAuditChain } from '../../src/core/audit/chain';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findAction } from '../cards/validateCard';
import { cardOf, cardText, createBotHarness, type BotHarness } from './harness';
import { messageActivity } from './conversations';
import type { TeamsUser } from './people';

const STORM = 300;

describe('a storm of 300 concurrent requests for 300 subscriptions (file store)', function () {
  this.timeout(120_000);
  let bot: BotHarness;
  before(async () => {
    const seed = generateFleetSeed(STORM, { seed: 3 });
    // Something to change on every one of them: all Free.
    for (const subscription of seed.subscriptions) subscription.pricings = [];
    bot = await createBotHarness({ seed, rateLimits: { enable: { limit: 5, windowMs: 60_000 }, approvals: { limit: 5, windowMs: 60_000 }, list: { limit: 5, windowMs: 60_000 } } });
  });
  after(() => bot.close());

  it('creates every one whole: 300 request cards, 300 locks held, 300 created entries, a chain that verifies', async () => {
    const subscriptionIds = [...bot.simulator.state.subscriptions.values()].map((subscription) => subscription.subscriptionId);
    const people: TeamsUser[] = subscriptionIds.map((_, index) => ({
      id: `29:storm-${index}`,
      name: `Storm ${index}`,
      aadObjectId: `bbbbbbbb-0000-4000-8000-${String(index).padStart(12, '0')}`,
    }));
    await Promise.all(subscriptionIds.map((subscriptionId, index) => bot.process(messageActivity(`enable ${subscriptionId}`, people[index]))));
    // Turns ran concurrently, so read each person's answers from their own conversation.
    const answers = people.map((person) => bot.adapter.sent.filter((activity) => activity.type === 'message' && activity.conversation?.id === `a:personal-${person.id}`));
    const texts = answers.flatMap((sent) => sent.map((activity) => cardText(cardOf(activity))));
    assert.equal(texts.filter((text) => /Something went wrong/.test(text)).length, 0);
    const requestIds = answers.map((sent) => (findAction(cardOf(sent[1]), { verb: VERBS.approve })?.data as { requestId: string } | undefined)?.requestId);
    assert.equal(requestIds.filter(Boolean).length, STORM, 'each person got their request card');

    const open = await bot.deps.approvals.listActionable({ id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Avery Approver' });
    assert.equal(open.length, STORM, 'every request is open and actionable for an approver');
    const lines = (await readFile(path.join(bot.dataDir, 'audit.jsonl'), 'utf8')).split('\n');
    const verdict = verifyAuditChain(lines);
    assert.equal(verdict.ok, true, verdict.problem);
    assert.deepEqual(new Set(verdict.entries.filter((entry) => entry.type === 'request.created').map((entry) => entry.requestId)), new Set(requestIds));
  });
});
