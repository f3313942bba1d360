import assert from 'node:assert/strict';
import { VERBS } from '../../../src/cards';
import { verifyAuditChain } from '../../../src/core/audit/chain';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BotHarness, createBotHarness } from '../harness';
import { REQUESTER, TeamsUser } from '../people';
import { openRequest, pricingPuts } from '../requestFlow';

const APPROVER_COUNT = 50;
const approvers: TeamsUser[] = Array.from({ length: APPROVER_COUNT }, (_, index) => ({
  id: `29:approver-${index}`,
  name: `Approver ${index}`,
  aadObjectId: `bbbbbbbb-0000-4000-8000-${String(index).padStart(12, '0')}`,
}));

describe('approvals under concurrency', () => {
  let bot: BotHarness;
  before(async () => (bot = await createBotHarness({ policy: { approvers: approvers.map((approver) => approver.aadObjectId!) } })));
  after(() => bot.close());

  it('makes exactly one apply from 50 concurrent approvals, and the audit chain verifies', async () => {
    const { approveData, requestId } = await openRequest(bot, '"Contoso Prod"', REQUESTER);
    await Promise.all(approvers.map((approver) => bot.click(VERBS.approve, approveData, approver)));
    await bot.settle();

    assert.equal(pricingPuts(bot).length, 2, 'one PUT per pricing, once');
    const request = await bot.deps.approvals.get(requestId);
    assert.equal(request?.status, 'succeeded');
    assert.equal(request?.approvals.length, 1, 'the quorum of one closed the request; later clicks were refused');

    const lines = (await readFile(path.join(bot.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    const verdict = verifyAuditChain(lines);
    assert.ok(verdict.ok, JSON.stringify(verdict));
    assert.equal(lines.filter((line) => line.includes('"request.executing"')).length, 1);
  });
});
