/**
 * The Teams connector fake's serviceUrl can move (Teams: "stable but can change"): activities carry the new one from
 * the move on, botbuilder's client reaches the connector under a regional serviceUrl, and the retired one answers 404.
 */
import assert from 'node:assert/strict';
import { TurnContext, type ConversationReference } from 'botbuilder';
import { startTeamsConnector } from './teamsConnector';
import { activitiesOf, cardActivity, startWorld, type World } from './teamsConnectorWorld';

describe('the Teams connector fake, when its serviceUrl moves', () => {
  let world: World;
  afterEach(async () => {
    await world?.bot.close();
    await world?.teams.close();
  });

  it('serves under a regional serviceUrl, moves, and answers 404 at the retired one, recording which each call used', async () => {
    world = await startWorld({ region: 'amer' });
    const { teams, bot, alex, personal } = world;
    const amer = teams.url;
    assert.match(amer, /^http:\/\/127\.0\.0\.1:\d+\/amer\/$/);
    let firstReference: Partial<ConversationReference> | undefined;
    let retiredFailure: { statusCode?: number } | undefined;
    bot.onTurn = async (context) => {
      await context.sendActivity(`reply to ${context.activity.text}`);
      if (!firstReference) {
        firstReference = TurnContext.getConversationReference(context.activity);
        return;
      }
      // What a bot does with a reference it stored before the move: a proactive send to the old serviceUrl.
      await context.adapter.continueConversationAsync('', firstReference, (old) => old.sendActivity('late').then(() => undefined))
        .catch((error: { statusCode?: number }) => (retiredFailure = error));
    };
    await teams.send(alex, personal, 'one');

    const emea = teams.moveServiceUrl('emea');
    assert.equal(emea, amer.replace('/amer/', '/emea/'));
    const second = await teams.send(alex, personal, 'two');
    assert.equal(second.activity.serviceUrl, emea, 'activities carry the new serviceUrl from the move on');
    assert.equal(retiredFailure?.statusCode, 404, 'the retired serviceUrl refuses the stored reference at once');
    assert.deepEqual(teams.callsIn(personal).map((call) => [call.serviceUrl, call.path.startsWith('/v3/conversations/'), call.status, call.body?.text]), [
      [amer, true, 200, 'reply to one'],
      [emea, true, 200, 'reply to two'],
      [amer, true, 404, 'late'],
    ]);
    assert.deepEqual(teams.messages(personal).map((message) => message.activity.text), ['reply to one', 'reply to two'], 'the refused send stored nothing');
  });

  it('starts at the server\'s root without a region; a root-relative call is then retired too once Teams moves', async () => {
    const teams = await startTeamsConnector();
    try {
      const root = teams.url;
      assert.match(root, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      teams.conversation({ id: 'a:solo', kind: 'personal', members: [teams.person({ name: 'Solo', aadObjectId: '00000000-0000-4000-8000-00000000501a', mri: '29:solo' })] });
      const post = (serviceUrl: string) => fetch(new URL(activitiesOf('a:solo').slice(1), serviceUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cardActivity('Hi')) });
      assert.equal((await post(root)).status, 200);
      const moved = teams.moveServiceUrl('emea');
      const [atRoot, atMoved] = [await post(root), await post(moved)];
      assert.deepEqual([atRoot.status, ((await atRoot.json()) as { error: { code: string } }).error.code, atMoved.status], [404, 'NotFound', 200]);
      assert.throws(() => teams.moveServiceUrl('v3'), /not a region/);
      assert.throws(() => teams.moveServiceUrl('a/b'), /not a region/);
    } finally {
      await teams.close();
    }
  });
});
