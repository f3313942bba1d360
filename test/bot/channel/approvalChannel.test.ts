/** The approvers' channel: registered by install or by an approver's command, and kept in step with the requester's card. */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { VERBS } from '../../../src/cards';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { BOT, CHANNEL_ID, messageActivity } from '../conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, BYSTANDER, REQUESTER } from '../people';
import { approveDataOf } from '../requestFlow';

const inChannel = (activity: Partial<Activity>) => (activity.conversation?.id ?? '').split(';')[0] === CHANNEL_ID;

describe("approvers' channel", () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness({ approvalConversation: CHANNEL_ID })));
  afterEach(() => bot.close());

  it('refuses a non-approver and the wrong conversation, each with a clear card, and registers nothing', async () => {
    const byBystander = await bot.send('register approvals channel', BYSTANDER, 'channel');
    assert.match(cardText(cardOf(byBystander[0])), /Only an approver can register/);
    const elsewhere = await bot.send('register approvals channel', APPROVER, 'personal');
    assert.match(cardText(cardOf(elsewhere[0])), /not the approvers' channel/);
    assert.equal(await bot.deps.publisher.approvalChannel?.reference(), undefined);

    const replies = await bot.send('enable "Contoso Prod"', REQUESTER);
    assert.equal(replies.filter(inChannel).length, 0, 'nothing is posted to an unregistered channel');
  });

  it('without DEFENDER_APPROVAL_CONVERSATION, says there is no channel to register and how to configure one', async () => {
    const unconfigured = await createBotHarness();
    try {
      const replies = await unconfigured.send('register approvals channel', APPROVER, 'channel');
      const text = cardText(cardOf(replies[0]));
      assert.match(text, /No approvers' channel is configured/);
      assert.match(text, /set DEFENDER_APPROVAL_CONVERSATION to this channel's id/);
    } finally {
      await unconfigured.close();
    }
  });

  it("posts every new request in the approvers' channel and updates both copies at every state change", async () => {
    const registered = await bot.send('register approvals channel', APPROVER, 'channel');
    assert.match(cardText(cardOf(registered[0])), /registered/);

    const replies = await bot.send('enable "Contoso Prod"', REQUESTER, 'personal');
    const requesterCopy = replies.filter((activity) => !inChannel(activity));
    const channelCopy = replies.filter(inChannel);
    assert.equal(requesterCopy.length, 2, 'preview + request card for the requester');
    assert.equal(channelCopy.length, 1, "one card in the approvers' channel");
    const channelCard = cardOf(channelCopy[0]);
    assert.deepEqual(validateAdaptiveCard(channelCard), []);
    const approveData = approveDataOf(channelCard);
    assert.deepEqual(approveData, approveDataOf(cardOf(requesterCopy[1])));
    const { locations } = await bot.deps.cardLocations.get(approveData.requestId);
    assert.equal(locations.length, 2, 'both locations are recorded');

    // A second `enable` points at the open request and re-posts it for the requester, but not again in the channel.
    const again = await bot.send('enable "Contoso Prod"', REQUESTER, 'personal');
    assert.equal(again.filter(inChannel).length, 0);

    // The approver is not in the requester's chat: they approve from the channel.
    bot.adapter.updates.length = 0;
    await bot.click(VERBS.approve, approveData, APPROVER, 'channel');
    await bot.settle();
    const updatedIn = (where: (activity: Partial<Activity>) => boolean) => bot.adapter.updates.filter(where).map((update) => cardText(cardOf(update)));
    const channelUpdates = updatedIn(inChannel);
    const requesterUpdates = updatedIn((activity) => !inChannel(activity));
    assert.ok(channelUpdates.length >= 1 && requesterUpdates.length >= 1, 'both copies were updated');
    assert.match(channelUpdates.at(-1)!, /✅ Done: the changes are applied\n[\s\S]*Defender for APIs: Free → Standard \(P1\) · ✅ Done/);
    assert.equal(channelUpdates.at(-1), requesterUpdates.at(-1), 'both copies show the same final card');
  });

  it('registers itself when installed in the configured channel, and ignores installs elsewhere', async () => {
    const install = (kind: 'channel' | 'groupChat'): Partial<Activity> => ({
      ...messageActivity('', APPROVER, kind),
      type: 'conversationUpdate',
      text: undefined,
      entities: undefined,
      membersAdded: [{ id: BOT.id, name: BOT.name }],
    });
    await bot.process(install('groupChat'));
    assert.equal(await bot.deps.publisher.approvalChannel?.reference(), undefined);
    const welcome = await bot.process(install('channel'));
    assert.match(cardText(cardOf(welcome[0])), /Approvers' channel ready/);
    const reference = await bot.deps.publisher.approvalChannel?.reference();
    assert.equal(reference?.conversation?.id, CHANNEL_ID, 'the channel itself, not the thread the install came from');

    const replies = await bot.send('enable "Woodgrove Payments"', REQUESTER, 'personal');
    assert.equal(replies.filter(inChannel).length, 1);
  });
});
