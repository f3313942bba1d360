/**
 * Against the Teams connector fake (Teams' rules, not our bot's): each person sees their own view through Teams'
 * refresh, approvers included before they ever act (refresh lists MRIs); no viewer's answer, and no refusal, ever
 * replaces the shared card; a change of state updates it for everyone.
 */
import assert from 'node:assert/strict';
import { VERBS } from '../../src/cards';
import { findExecuteAction } from '../support/cardText';
import { startTeamsWorld, type TeamsWorld } from './teamsWorld';

describe('Teams: the shared request card', function () {
  this.timeout(60_000);
  let world: TeamsWorld;
  before(async () => (world = await startTeamsWorld()));
  after(() => world.close());

  it('gives each person their own view by refresh, and never writes a view or a refusal over the shared card', async () => {
    const { teams, alex, avery, olly, chat } = world;
    const { replies } = await teams.send(alex, chat, 'enable "Contoso Prod"');
    const requestCard = replies.find((reply) => findExecuteAction(reply.card, VERBS.approve));
    assert.ok(requestCard, 'the request card was posted');
    const shared = () => teams.message(requestCard.id)!;

    const alexView = await teams.open(alex, chat, requestCard.id);
    assert.equal(alexView.refreshed, true, 'the requester is listed by MRI');
    assert.ok(findExecuteAction(alexView.view.card, VERBS.cancel));
    assert.equal(findExecuteAction(alexView.view.card, VERBS.approve), undefined);

    const averyView = await teams.open(avery, chat, requestCard.id);
    assert.equal(averyView.refreshed, true, 'an approver gets their view before they ever act: listed by MRI from the roster');
    assert.ok(findExecuteAction(averyView.view.card, VERBS.approve));

    const ollyView = await teams.open(olly, chat, requestCard.id);
    assert.equal(ollyView.refreshed, false, 'an observer sees the shared card');
    const refused = await teams.click(olly, chat, requestCard.id, VERBS.approve, findExecuteAction(ollyView.view.card, VERBS.approve)!.data);
    assert.match(refused.view.text, /You are not on the approver list/);

    await world.bot.background.drain();
    assert.deepEqual(shared().updates, [], 'refreshes and a refusal changed nothing for everyone else');

    await teams.click(avery, chat, requestCard.id, VERBS.approve);
    await world.bot.background.drain();
    assert.ok(shared().updates.length > 0);
    assert.match(teams.viewOf(olly, requestCard.id).text, /Done: the changes are applied/, 'everyone reads the outcome');
  });
});
