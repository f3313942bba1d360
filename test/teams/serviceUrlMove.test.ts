/**
 * Against the Teams connector fake: Teams' serviceUrl "is stable but can change". Cards and the approvers' channel are
 * stored with the serviceUrl of their day; after a move, each conversation is reached at the serviceUrl its latest
 * inbound activity carried. A conversation that has said nothing since the move cannot be reached until it does
 * (the bot has no other way to learn its new address): its card waits, and the sweeper brings it up to date then;
 * the requester's notice, a one-off, is refused; a new request's copy for a silent approvers' channel is refused too,
 * and posted by the sweeper once the channel speaks.
 */
import assert from 'node:assert/strict';
import { VERBS } from '../../src/cards';
import { cardText, findExecuteAction } from '../support/cardText';
import { eventually } from '../support/eventually';
import type { ConnectorCall, Message } from '../support/teamsConnector';
import { APPROVERS_CHANNEL_ID, showsDone, startTeamsWorld, type TeamsWorld } from './teamsWorld';

/** Sends, replies and updates: member lookups may answer 404 for someone not in a channel's team, wherever they go. */
const isWrite = (call: ConnectorCall) => call.kind === 'send' || call.kind === 'reply' || call.kind === 'update';
const callLine = (call: ConnectorCall) => `${call.method} ${call.serviceUrl}${call.path.slice(1)} ${call.status}`;
const isNoticeDone = (call: ConnectorCall) => (call.kind === 'send' || call.kind === 'reply') && /Your request is done/.test(cardText(call.body));

describe('Teams: stored conversations follow a moved serviceUrl', function () {
  this.timeout(90_000);
  let world: TeamsWorld;
  afterEach(() => world?.close());

  /** The approvers' channel registered and a request card in the chat and in the channel, all while Teams used `amer`. */
  async function requestBeforeTheMove() {
    world = await startTeamsWorld({ connector: { region: 'amer' }, env: { DEFENDER_APPROVAL_CONVERSATION: APPROVERS_CHANNEL_ID, DEFENDER_WATCH_INTERVAL: 'off' } });
    const { teams, alex, avery, chat, approversChannel } = world;
    await teams.send(avery, approversChannel, 'register approvals channel');
    const { replies } = await teams.send(alex, chat, 'enable "Contoso Prod"');
    const inChat = replies.find((reply) => findExecuteAction(reply.card, VERBS.approve))!;
    await eventually(() => teams.messages(approversChannel).some((message) => findExecuteAction(message.card, VERBS.approve)), 'the copy in the approvers\' channel');
    const inChannel = teams.messages(approversChannel).find((message) => findExecuteAction(message.card, VERBS.approve))!;
    const amer = teams.url;
    assert.ok(teams.calls.length > 0 && teams.calls.every((call) => call.serviceUrl === amer), 'everything so far went to amer');
    return { inChat, inChannel, amer };
  }

  it('after the move, each conversation that has spoken since is reached at the new serviceUrl only, and every copy shows the outcome', async () => {
    const { inChat, inChannel, amer } = await requestBeforeTheMove();
    const { teams, bot, alex, avery, chat, approversChannel } = world;
    const emea = teams.moveServiceUrl('emea');
    const sinceMove = teams.calls.length;

    await teams.send(alex, chat, 'help'); // the chat's first activity since the move
    const clicked = await teams.click(avery, approversChannel, inChannel.id, VERBS.approve); // the channel's
    assert.match(clicked.view.text, /Approved · applying the changes now|Done: the changes are applied/);
    await eventually(() => showsDone(teams, inChat.id) && showsDone(teams, inChannel.id), 'both copies to show the outcome', 30_000);
    await eventually(() => teams.calls.some(isNoticeDone), 'the requester\'s notice');
    await bot.background.drain();

    const later = teams.calls.slice(sinceMove);
    assert.deepEqual(later.filter((call) => call.serviceUrl !== emea).map(callLine), [], 'nothing went to the retired serviceUrl');
    assert.deepEqual(later.filter((call) => isWrite(call) && call.status !== 200).map(callLine), [], 'every send and update was taken');
    const updated = (message: Message) => later.some((call) => call.kind === 'update' && call.activityId === message.id);
    assert.ok(updated(inChat) && updated(inChannel), 'the card was updated in the chat and in the channel');
    const notice = later.find(isNoticeDone)!;
    assert.equal(notice.conversationId, chat.id, 'the requester was told in the chat');
    assert.notEqual(emea, amer);
  });

  it('a conversation silent since the move keeps its old address: its card waits (the sweeper retries) until it speaks again', async () => {
    const { inChat, inChannel, amer } = await requestBeforeTheMove();
    const { teams, bot, alex, avery, chat, approversChannel } = world;
    const emea = teams.moveServiceUrl('emea');

    await teams.click(avery, approversChannel, inChannel.id, VERBS.approve); // only the channel speaks
    await eventually(() => showsDone(teams, inChannel.id), 'the channel\'s copy to show the outcome', 30_000);
    const refusedInChat = () => teams.callsIn(chat).filter((call) => call.kind === 'update' && call.serviceUrl === amer && call.status === 404);
    await eventually(() => refusedInChat().length >= 3, 'the sweeper to try the chat\'s card again and again', 30_000);
    assert.deepEqual(teams.message(inChat.id)!.updates, [], 'the chat\'s card is still the pending one');
    // The requester's notice went to the chat's only known address and was refused: a one-off, nothing sends it again.
    const notice = teams.calls.find(isNoticeDone)!;
    assert.deepEqual([notice.conversationId, notice.serviceUrl, notice.status], [chat.id, amer, 404]);

    const spoke = teams.calls.length;
    await teams.send(alex, chat, 'help'); // the chat speaks: the bot learns its address
    await eventually(() => showsDone(teams, inChat.id), 'the chat\'s card to show the outcome at the next sweep', 30_000);
    await bot.background.drain();
    const chatCallsSince = teams.callsIn(chat).filter((call) => teams.calls.indexOf(call) >= spoke);
    const lastUpdate = chatCallsSince.filter((call) => call.kind === 'update' && call.status === 200).at(-1)!;
    assert.equal(lastUpdate.serviceUrl, emea, 'the card was brought up to date at the new serviceUrl');
    const channelUpdates = teams.callsIn(approversChannel).filter((call) => call.kind === 'update');
    assert.ok(channelUpdates.length > 0 && channelUpdates.every((call) => call.serviceUrl === emea && call.status === 200), 'the channel, which spoke, was never tried at the old address');
    assert.deepEqual(teams.calls.filter((call) => isWrite(call) && call.serviceUrl === emea && call.status !== 200).map(callLine), [], 'nothing failed at the new serviceUrl');
  });

  it('a request opened after the move, while the approvers\' channel is silent: the chat gets its card, the channel\'s copy is refused at the old address and posted once the channel speaks', async () => {
    const { amer } = await requestBeforeTheMove();
    const { teams, bot, alex, chat, approversChannel } = world;
    const emea = teams.moveServiceUrl('emea');
    const [before, sinceMove] = [teams.messages(approversChannel).length, teams.calls.length];
    const { replies } = await teams.send(alex, chat, 'enable "Fabrikam Sandbox"');
    await bot.background.drain();
    assert.ok(replies.some((reply) => findExecuteAction(reply.card, VERBS.approve)), 'the request card is in the chat');
    const inChat = teams.calls.slice(sinceMove).filter((call) => isWrite(call) && call.conversationId === chat.id);
    assert.ok(inChat.length > 0 && inChat.every((call) => call.serviceUrl === emea && call.status === 200), 'the chat is answered at the new serviceUrl');
    const toChannel = teams.callsIn(approversChannel).filter(isWrite).at(-1)!;
    assert.deepEqual([toChannel.serviceUrl, toChannel.status], [amer, 404], 'posted to the channel\'s only known address, which Teams retired');
    assert.equal(teams.messages(approversChannel).length, before, 'so the channel has no copy of it');

    // The channel speaks: the sweeper posts the open request's copy there, at the new serviceUrl.
    await teams.send(world.avery, approversChannel, 'help');
    const isNewCopy = (message: Message) => findExecuteAction(message.card, VERBS.approve) !== undefined && /Fabrikam Sandbox/.test(cardText(message.card));
    await eventually(() => teams.messages(approversChannel).slice(before).some(isNewCopy), 'the sweeper to post the channel\'s copy once the channel has spoken', 30_000);
    const copy = teams.messages(approversChannel).slice(before).find(isNewCopy)!;
    const posted = teams.callsIn(approversChannel).find((call) => isWrite(call) && call.status === 200 && call.messageId === copy.id);
    assert.equal(posted?.serviceUrl, emea, 'posted at the new serviceUrl');
  });
});
