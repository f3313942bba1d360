import assert from 'node:assert/strict';
import { VERBS } from '../../../src/cards';
import { validateAdaptiveCard, findAction } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, BYSTANDER, REQUESTER, SECOND_APPROVER } from '../people';
import { openRequest, pricingPuts } from '../requestFlow';

describe('reject, cancel, refresh and requests', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  it('rejects only with a reason, and shows the reason to everyone', async () => {
    const { approveData, requestId } = await openRequest(bot);
    const noReason = await bot.click(VERBS.reject, approveData, APPROVER);
    assert.match(cardText(noReason), /reason/i);
    const rejected = await bot.click(VERBS.reject, { ...approveData, reason: 'Wait for the change window' }, APPROVER);
    assert.deepEqual(validateAdaptiveCard(rejected), []);
    await bot.settle();
    assert.equal((await bot.deps.approvals.get(requestId))?.status, 'rejected');
    assert.match(cardText(cardOf(bot.adapter.updates.at(-1))), /Wait for the change window/);
    assert.deepEqual(pricingPuts(bot), []);
  });

  it('lets only the requester cancel', async () => {
    const { requestId } = await openRequest(bot);
    const refused = cardText(await bot.click(VERBS.cancel, { requestId }, APPROVER));
    assert.match(refused, /Only Riley Requester, who requested .* can cancel it/, 'the reason, for the approver only');
    assert.match(refused, /Waiting for approval/, 'on top of their view of the request, which they keep');
    await bot.click(VERBS.cancel, { requestId }, REQUESTER);
    assert.equal((await bot.deps.approvals.get(requestId))?.status, 'cancelled');
    const afterCancel = await bot.click(VERBS.approve, { requestId, planHash: (await bot.deps.approvals.get(requestId))!.planHash }, APPROVER);
    assert.match(cardText(afterCancel), /cancelled/);
  });

  it('refreshes the card into the view of whoever looks', async () => {
    const { requestId } = await openRequest(bot);
    const approverView = await bot.click(VERBS.refreshRequest, { requestId }, APPROVER);
    const requesterView = await bot.click(VERBS.refreshRequest, { requestId }, REQUESTER);
    const bystanderView = await bot.click(VERBS.refreshRequest, { requestId }, BYSTANDER);
    assert.ok(findAction(approverView, { verb: VERBS.approve }));
    assert.equal(findAction(approverView, { verb: VERBS.cancel }), undefined);
    assert.ok(findAction(requesterView, { verb: VERBS.cancel }));
    assert.equal(findAction(requesterView, { verb: VERBS.approve }), undefined);
    assert.equal(findAction(bystanderView, { verb: VERBS.approve }), undefined);
    assert.equal(findAction(bystanderView, { verb: VERBS.cancel }), undefined);
  });

  it('lists the open requests a person can act on, as live cards, in another chat', async () => {
    const { requestId } = await openRequest(bot, '"Contoso Prod"', REQUESTER, 'groupChat');
    const replies = await bot.send('requests', SECOND_APPROVER, 'personal');
    assert.equal(replies.length, 2);
    assert.match(cardText(cardOf(replies[0])), /1 open request/);
    const live = cardOf(replies[1]);
    assert.equal((findAction(live, { verb: VERBS.approve })?.data as { requestId?: string })?.requestId, requestId);
    await bot.click(VERBS.approve, findAction(live, { verb: VERBS.approve })!.data, SECOND_APPROVER);
    await bot.settle();
    assert.equal((await bot.deps.approvals.get(requestId))?.status, 'succeeded');
    assert.match(cardText(cardOf((await bot.send('requests', BYSTANDER))[0])), /No open requests/);
  });

  it('shows the audit history, for all or one subscription', async () => {
    const { approveData } = await openRequest(bot);
    await bot.click(VERBS.approve, approveData, APPROVER);
    await bot.settle();
    const all = cardOf((await bot.send('history', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(all), []);
    const text = cardText(all);
    assert.match(text, /created/i);
    assert.match(text, /Avery Approver/);
    assert.match(text, /succeeded/i);
    assert.match(cardText(cardOf((await bot.send('history "Contoso Dev"', REQUESTER))[0])), /no|0/i);
  });
});
