/** The Teams connector fake's client side: what it delivers to a (real, scripted) bot, and what people then see. */
import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { cardText } from './cardText';
import { startScriptedBot } from './scriptedBot';
import { activitiesOf, call, card, cardActivity, startWorld, type World } from './teamsConnectorWorld';

const answerCard = (context: TurnContext, title: string) =>
  context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card(title) } } });

describe('the Teams connector fake, as the Teams client', () => {
  let world: World;
  afterEach(async () => {
    await world?.bot.close();
    await world?.teams.close();
  });

  it('delivers a message as Teams does in a personal chat, and resolves with the replies of the turn (typing left out)', async () => {
    world = await startWorld();
    const { teams, bot, alex, personal } = world;
    bot.onTurn = async (context) => {
      await context.sendActivity({ type: 'typing' });
      await context.sendActivity('first');
      await context.sendActivity(cardActivity('second'));
    };
    const turn = await teams.send(alex, personal, 'help');
    assert.equal(turn.status, 200);
    assert.deepEqual(turn.replies.map((reply) => reply.activity.text ?? cardText(reply.card)), ['first', 'second']);
    assert.ok(turn.replies.every((reply) => reply.replyToId === turn.activity.id));
    const received = bot.received[0] as Record<string, any>;
    assert.equal(received.id, turn.activity.id);
    assert.deepEqual(
      [received.type, received.text, received.channelId, received.serviceUrl, received.from, received.recipient, received.conversation, received.channelData],
      ['message', 'help', 'msteams', teams.url, { id: alex.mri, name: alex.name, aadObjectId: alex.aadObjectId }, teams.bot,
        { id: personal.id, conversationType: 'personal', tenantId: teams.tenantId }, { tenant: { id: teams.tenantId } }],
    );
  });

  it('@mentions the bot in group chats and channels, and names the channel and team in channels; every activity has a fresh id', async () => {
    world = await startWorld();
    const { teams, bot, alex, avery, group, channel } = world;
    await teams.send(alex, group, 'status');
    await teams.send(avery, channel, 'status');
    const [inGroup, inChannel] = bot.received as Array<Record<string, any>>;
    for (const received of [inGroup, inChannel]) {
      assert.equal(received.text, '<at>defender</at> status');
      assert.deepEqual(received.entities, [{ type: 'mention', mentioned: teams.bot, text: '<at>defender</at>' }]);
      assert.equal(received.conversation.isGroup, true);
    }
    assert.equal(inGroup.conversation.conversationType, 'groupChat');
    assert.deepEqual([inChannel.conversation.conversationType, inChannel.channelData.channel, inChannel.channelData.team], ['channel', { id: '19:approvals@thread.tacv2' }, { id: '19:team@thread.tacv2' }]);
    assert.notEqual(inGroup.id, inChannel.id);
  });

  it('refuses to speak for someone who is not a member of the conversation', async () => {
    world = await startWorld();
    await assert.rejects(world.teams.send(world.blake, world.group, 'hi'), /Blake Bystander is not a member of 19:admins@thread.v2/);
  });

  it('a click is an Action.Execute invoke whose answered card becomes that person\'s view, never the shared message', async () => {
    world = await startWorld();
    const { teams, bot, alex, avery, group } = world;
    bot.onTurn = async (context) => {
      if (context.activity.type === 'message') await context.sendActivity(cardActivity('Shared', { actions: [{ type: 'Action.Execute', title: 'Approve', verb: 'approve', data: { id: 7 } }] }));
      else await answerCard(context, `Only for ${context.activity.from.name}`);
    };
    const [posted] = (await teams.send(alex, group, 'enable')).replies;
    const clicked = await teams.click(avery, group, posted.id, 'approve'); // the data of the button Avery sees
    const invoke = bot.received.at(-1) as Record<string, any>;
    assert.deepEqual([invoke.type, invoke.name, invoke.replyToId, invoke.value], ['invoke', 'adaptiveCard/action', posted.id, { action: { type: 'Action.Execute', verb: 'approve', data: { id: 7 } }, trigger: 'manual' }]);
    assert.equal(clicked.answer?.statusCode, 200);
    assert.deepEqual([clicked.view.source, clicked.view.text], ['own', 'Only for Avery Approver']);
    assert.equal(cardText(teams.sharedCard(posted.id)), 'Shared\nApprove');
    assert.deepEqual([teams.viewOf(alex, posted.id).source, teams.viewOf(alex, posted.id).text], ['shared', 'Shared\nApprove']);
    await assert.rejects(teams.click(avery, group, posted.id, 'reject'), /Avery Approver sees no "reject" button/);
  });

  it('a message answered to a click leaves the person\'s view as it was', async () => {
    world = await startWorld();
    const { teams, bot, alex, personal } = world;
    bot.onTurn = async (context) => {
      if (context.activity.type === 'message') await context.sendActivity(cardActivity('Shared'));
      else await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Noted' } } });
    };
    const [posted] = (await teams.send(alex, personal, 'go')).replies;
    const clicked = await teams.click(alex, personal, posted.id, 'anything', { forged: true });
    assert.deepEqual([clicked.answer?.value, clicked.card, clicked.view.source], ['Noted', undefined, 'shared']);
  });

  describe('open(): the refresh Teams sends when a client renders a card', () => {
    async function postCardWithRefresh(world: World, userIds: unknown[] | undefined) {
      const { teams, bot, alex, avery, blake } = world;
      const everyone = teams.conversation({ id: '19:everyone@thread.v2', kind: 'groupChat', members: [alex, avery, blake] });
      const refresh = { action: { type: 'Action.Execute', verb: 'refresh', data: { id: 1 } }, ...(userIds ? { userIds } : {}) };
      bot.onTurn = async (context) => {
        if (context.activity.type === 'message') await context.sendActivity(cardActivity('Shared', { refresh }));
        else await answerCard(context, `${context.activity.from.name}'s view`);
      };
      const [posted] = (await teams.send(alex, everyone, 'post')).replies;
      return { everyone, messageId: posted.id };
    }

    it('refreshes only people listed by MRI (29:… or 8:orgid:<objectId>); a raw object id matches nobody', async () => {
      world = await startWorld();
      const { teams, bot, alex, avery, blake } = world;
      const { everyone, messageId } = await postCardWithRefresh(world, [avery.mri, blake.aadObjectId, `8:orgid:${alex.aadObjectId.toUpperCase()}`]);
      const forAvery = await teams.open(avery, everyone, messageId);
      const invoke = bot.received.at(-1) as Record<string, any>;
      assert.deepEqual([invoke.name, invoke.replyToId, invoke.value], ['adaptiveCard/action', messageId, { action: { type: 'Action.Execute', verb: 'refresh', data: { id: 1 } }, trigger: 'automatic' }]);
      assert.deepEqual([forAvery.refreshed, forAvery.view.source, forAvery.view.text], [true, 'own', 'Avery Approver\'s view']);
      const forBlake = await teams.open(blake, everyone, messageId);
      assert.deepEqual([forBlake.refreshed, forBlake.view.source, forBlake.view.text], [false, 'shared', 'Shared']);
      assert.equal((await teams.open(alex, everyone, messageId)).refreshed, true);
      assert.equal(bot.received.length, 3, 'the post and two refreshes');
      assert.equal(cardText(teams.sharedCard(messageId)), 'Shared');
    });

    it('honours only the first 60 userIds', async () => {
      world = await startWorld();
      const fillers = Array.from({ length: 60 }, (_, index) => `29:someone-${index}`);
      const { everyone, messageId } = await postCardWithRefresh(world, [...fillers, world.avery.mri]);
      assert.equal((await world.teams.open(world.avery, everyone, messageId)).refreshed, false);
    });

    it('without userIds refreshes everyone in a conversation of up to 60; with userIds [] no one', async () => {
      world = await startWorld();
      const all = await postCardWithRefresh(world, undefined);
      assert.equal((await world.teams.open(world.blake, all.everyone, all.messageId)).refreshed, true);
      const { teams, bot, alex } = world;
      bot.onTurn = async (context) => void (await context.sendActivity(cardActivity('Shared', { refresh: { action: { type: 'Action.Execute', verb: 'refresh' }, userIds: [] } })));
      const [none] = (await teams.send(alex, all.everyone, 'again')).replies;
      assert.equal((await teams.open(alex, all.everyone, none.id)).refreshed, false);
    });

    it('an update of the message drops everyone\'s own view: their clients render the new shared card', async () => {
      world = await startWorld();
      const { teams, avery } = world;
      const { everyone, messageId } = await postCardWithRefresh(world, [avery.mri]);
      await teams.open(avery, everyone, messageId);
      assert.equal(teams.viewOf(avery, messageId).source, 'own');
      assert.equal((await call(teams, 'PUT', `${activitiesOf(everyone.id)}/${messageId}`, cardActivity('Updated'))).status, 200);
      assert.deepEqual([teams.viewOf(avery, messageId).source, teams.viewOf(avery, messageId).text], ['shared', 'Updated']);
    });
  });

  it('redelivers an activity the bot has not answered within redeliverAfterMs, once, with the same id', async () => {
    world = await startWorld({ redeliverAfterMs: 1_000 });
    const { teams, bot, alex, personal } = world;
    let redeliveryArrived: () => void = () => undefined;
    const redelivery = new Promise<void>((resolve) => (redeliveryArrived = resolve));
    let turns = 0;
    bot.onTurn = async (context) => {
      const turn = (turns += 1);
      if (turn === 1) await redelivery; // the first answer is late: Teams delivers again meanwhile
      if (turn === 2) redeliveryArrived();
      await context.sendActivity(`answer ${turn}`);
    };
    const late = await teams.send(alex, personal, 'slow');
    assert.equal(late.redelivered, true);
    assert.deepEqual(bot.received.map((activity) => activity.id), [late.activity.id, late.activity.id]);
    assert.deepEqual(late.deliveries.map((delivery) => [delivery.attempt, delivery.status]), [[1, 200], [2, 200]]);
    assert.ok(late.deliveries[1].sentAtMs - late.deliveries[0].sentAtMs >= 990, 'the second delivery waited redeliverAfterMs');
    assert.deepEqual(late.replies.map((reply) => reply.activity.text).sort(), ['answer 1', 'answer 2'], 'both answers recorded');

    const prompt = await teams.send(alex, personal, 'fast');
    assert.deepEqual([prompt.redelivered, prompt.deliveries.length, bot.received.length], [false, 1, 3]);
  });

  it('delivers to another bot instance when asked (botUrl per delivery)', async () => {
    world = await startWorld();
    const other = await startScriptedBot();
    try {
      await world.teams.send(world.alex, world.personal, 'to the other', { botUrl: other.url });
      assert.deepEqual([world.bot.received.length, other.received.length], [0, 1]);
    } finally {
      await other.close();
    }
  });
});
