import assert from 'node:assert/strict';
import { VERBS } from '../../../src/cards';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { findAction, validateAdaptiveCard } from '../../cards/validateCard';
import { CONVERSATION_KINDS } from '../conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { ANONYMOUS, APPROVER, REQUESTER } from '../people';
import { openRequest, pricingPuts } from '../requestFlow';
import { captureLog } from '../../security/support/logCapture';

describe('enable command', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  for (const kind of CONVERSATION_KINDS) {
    it(`previews the exact changes with the cost note, then posts the request for approval (${kind})`, async () => {
      const { preview, requestCard } = await openRequest(bot, 'sub "Contoso Prod"', REQUESTER, kind);
      assert.deepEqual(validateAdaptiveCard(preview), []);
      assert.deepEqual(validateAdaptiveCard(requestCard), []);
      const text = cardText(preview);
      assert.match(text, /Free/);
      assert.match(text, /Standard \(P1\)/);
      assert.match(text, /bills per subscription/);
      assert.match(cardText(requestCard), /Riley Requester/);
      assert.deepEqual(pricingPuts(bot), [], 'nothing is written before approval');
    });
  }

  it('takes the plan P1..P5', async () => {
    const { preview } = await openRequest(bot, '"Contoso Prod" plan p4');
    assert.match(cardText(preview), /Standard \(P4\)/);
  });

  it('says so, and asks for no approval, when nothing needs to change', async () => {
    const replies = await bot.send('enable "Contoso Dev"', REQUESTER);
    assert.equal(replies.length, 1);
    assert.match(cardText(cardOf(replies[0])), /nothing to change|already on/i);
    assert.equal(findAction(cardOf(replies[0]), { verb: VERBS.approve }), undefined);
  });

  it('points a second enable at the open request', async () => {
    const first = await openRequest(bot);
    const replies = await bot.send('enable "Contoso Prod"', APPROVER);
    assert.match(cardText(cardOf(replies[0])).replace(/\\_/g, '_'), new RegExp(`already has an open request \\(${first.requestId}\\)`));
    assert.equal((findAction(cardOf(replies[1]), { verb: VERBS.approve })?.data as { requestId?: string })?.requestId, first.requestId);
  });

  it('starts the same flow from the status card Enable button', async () => {
    const preview = await bot.click(VERBS.enablePreview, { subscriptionId: DEMO_SUBSCRIPTIONS.contosoProd }, REQUESTER);
    assert.match(cardText(preview), /Standard \(P1\)/);
    const posted = bot.adapter.sent.filter((activity) => activity.type === 'message').at(-1);
    assert.ok(findAction(cardOf(posted), { verb: VERBS.approve }));
  });

  it('refuses someone the activity does not identify', async () => {
    const replies = await bot.send('enable "Contoso Prod"', ANONYMOUS);
    assert.equal(replies.length, 1);
    assert.match(cardText(cardOf(replies[0])), /cannot tell who you are/i);
  });

  it('explains a bad plan name', async () => {
    const text = cardText(cardOf((await bot.send('enable "Contoso Prod" plan gold', REQUESTER))[0]));
    assert.match(text, /"gold" is not a Defender for APIs plan/);
  });
});

describe('enable with DEFENDER_REQUESTERS and DEFENDER_ALLOWED_CONVERSATIONS', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness({ policy: { requesters: [APPROVER.aadObjectId!] }, guardrails: { allowedConversations: ['19:approvals@thread.tacv2'] } })));
  afterEach(() => bot.close());

  it('works in an allowed channel only, while status still works everywhere', async () => {
    const personal = cardText(cardOf((await bot.send('enable "Contoso Prod"', APPROVER, 'personal'))[0]));
    assert.match(personal, /Not in this conversation/);
    assert.match(cardText(cardOf((await bot.send('status "Contoso Prod"', APPROVER, 'personal'))[0])), /Contoso Prod/);
    const replies = await bot.send('enable "Contoso Prod"', APPROVER, 'channel');
    assert.equal(replies.length, 2);
  });

  it('refuses a requester who is not listed', async () => {
    const text = cardText(cardOf((await bot.send('enable "Contoso Prod"', REQUESTER, 'channel'))[0]));
    assert.match(text, /Request not opened/);
  });
});

describe('enable where Azure refuses to be read', () => {
  it('answers with Azure\'s reason and fix (not registered), opens nothing, and logs no failed turn', async () => {
    const log = captureLog('info');
    const bot = await createBotHarness({ logger: log.logger });
    try {
      const replies = await bot.send('enable "Legacy Billing"', REQUESTER);
      assert.equal(replies.length, 1);
      const text = cardText(cardOf(replies[0]));
      assert.match(text, /Azure said no/);
      assert.match(text, /az provider register --namespace Microsoft\.Security/);
      assert.ok(!log.lines().some((line) => line.msg === 'turn failed'), 'an answer, not a failed turn');
    } finally {
      await bot.close();
    }
  });
});
