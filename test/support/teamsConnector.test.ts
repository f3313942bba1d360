/**
 * The Teams connector fake, behaviour by behaviour: the connector side through raw HTTP and through botbuilder's own
 * client (a real CloudAdapter bot), the client side against that bot.
 */
import assert from 'node:assert/strict';
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { adaptiveCardOf, cardText } from './cardText';
import { activitiesOf, call, cardActivity, startWorld, type World } from './teamsConnectorWorld';

describe('the Teams connector fake, as the Bot Connector service', () => {
  let world: World;
  afterEach(async () => {
    await world?.bot.close();
    await world?.teams.close();
  });

  it('stores a posted message, answers a fresh id and records the call; typing is recorded but is no message', async () => {
    world = await startWorld();
    const { teams, personal } = world;
    const posted = await call(teams, 'POST', activitiesOf(personal.id), cardActivity('Hello'));
    const typing = await call(teams, 'POST', `${activitiesOf(personal.id)}/incoming-1`, { type: 'typing' });
    const reply = await call(teams, 'POST', `${activitiesOf(personal.id)}/incoming-1`, { type: 'message', text: 'hi' });
    assert.deepEqual([posted.status, typing.status, reply.status], [200, 200, 200]);
    assert.notEqual(posted.body.id, reply.body.id);
    assert.deepEqual(teams.messages(personal).map((message) => [message.id, message.replyToId]), [[posted.body.id, undefined], [reply.body.id, 'incoming-1']]);
    assert.equal(cardText(teams.sharedCard(posted.body.id)), 'Hello');
    assert.deepEqual(teams.callsIn(personal).map((recorded) => [recorded.kind, recorded.status, recorded.body?.type]), [['send', 200, 'message'], ['reply', 200, 'typing'], ['reply', 200, 'message']]);
    assert.deepEqual(teams.stats, { connections: teams.stats.connections, typing: 1, messages: 2, updates: 0, unexpected: 0 });
  });

  it('waits for a call: one already recorded at once, a later one when it comes', async () => {
    world = await startWorld();
    const { teams, personal } = world;
    await call(teams, 'POST', activitiesOf(personal.id), cardActivity('Early'));
    const early = await teams.waitForCall((recorded) => cardText(recorded.body) === 'Early');
    const later = teams.waitForCall((recorded) => cardText(recorded.body) === 'Later', { timeoutInMs: 5_000 });
    const next = teams.nextCall((recorded) => recorded.kind === 'send');
    await call(teams, 'POST', activitiesOf(personal.id), cardActivity('Later'));
    assert.deepEqual([early.status, (await later).status, cardText((await next).body)], [200, 200, 'Later']);
    await assert.rejects(teams.nextCall(() => false, { timeoutInMs: 10, what: 'nothing' }), /TeamsConnector: no nothing within 10 ms/);
  });

  it('answers 404 to a conversation nobody declared, and to a path it does not serve', async () => {
    world = await startWorld();
    const unknown = await call(world.teams, 'POST', activitiesOf('a:nobody'), { type: 'message', text: 'hi' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'ConversationNotFound');
    assert.equal((await call(world.teams, 'GET', '/v3/somewhere')).status, 404);
    assert.equal(world.teams.stats.unexpected, 1);
  });

  it('an update replaces the shared card and keeps its history; an unknown message, or one of another conversation, is 404', async () => {
    world = await startWorld();
    const { teams, personal, group } = world;
    const { body } = await call(teams, 'POST', activitiesOf(personal.id), cardActivity('Pending'));
    const updated = await call(teams, 'PUT', `${activitiesOf(personal.id)}/${body.id}`, { ...cardActivity('Done'), id: body.id });
    assert.deepEqual([updated.status, updated.body], [200, { id: body.id }]);
    assert.equal(cardText(teams.sharedCard(body.id)), 'Done');
    assert.deepEqual(teams.message(body.id)!.updates.map((update) => cardText(update.card)), ['Done']);
    assert.equal(cardText(adaptiveCardOf(teams.message(body.id)!.posted)), 'Pending', 'as first posted');
    const unknown = await call(teams, 'PUT', `${activitiesOf(personal.id)}/1234`, cardActivity('Nope'));
    const elsewhere = await call(teams, 'PUT', `${activitiesOf(group.id)}/${body.id}`, cardActivity('Nope'));
    assert.deepEqual([unknown.status, elsewhere.status], [404, 404]);
    assert.equal(cardText(teams.sharedCard(body.id)), 'Done');
  });

  it('answers 412 to an update of a message while another update of it is in progress; other messages are not held', async () => {
    world = await startWorld({ updateProcessingMs: 500 }); // long enough that the second PUT arrives meanwhile
    const { teams, personal } = world;
    const first = (await call(teams, 'POST', activitiesOf(personal.id), cardActivity('One'))).body.id;
    const second = (await call(teams, 'POST', activitiesOf(personal.id), cardActivity('Two'))).body.id;
    const [a, b, other] = await Promise.all([
      call(teams, 'PUT', `${activitiesOf(personal.id)}/${first}`, cardActivity('One: A')),
      call(teams, 'PUT', `${activitiesOf(personal.id)}/${first}`, cardActivity('One: B')),
      call(teams, 'PUT', `${activitiesOf(personal.id)}/${second}`, cardActivity('Two: A')),
    ]);
    assert.deepEqual([a.status, b.status, other.status].sort(), [200, 200, 412]);
    assert.equal([a, b].find((answer) => answer.status === 412)!.body.error.code, 'PreconditionFailed');
    assert.equal(teams.message(first)!.updates.length, 1, 'the refused update changed nothing');
    assert.equal((await call(teams, 'PUT', `${activitiesOf(personal.id)}/${first}`, cardActivity('One: C'))).status, 200, 'once done, the message takes updates again');
  });

  it('answers 429 with Retry-After past the rate limit of a conversation, counting sends and updates; other conversations go on', async () => {
    world = await startWorld({ rateLimits: { windows: [{ operations: 7, windowInMs: 60_000 }] } });
    const { teams, personal, group } = world;
    const { body } = await call(teams, 'POST', activitiesOf(personal.id), cardActivity('Card'));
    for (let operation = 2; operation <= 7; operation += 1) {
      const path = operation % 2 ? activitiesOf(personal.id) : `${activitiesOf(personal.id)}/${body.id}`;
      assert.equal((await call(teams, operation % 2 ? 'POST' : 'PUT', path, cardActivity(`#${operation}`))).status, 200, `operation ${operation}`);
    }
    const eighth = await call(teams, 'PUT', `${activitiesOf(personal.id)}/${body.id}`, cardActivity('#8'));
    assert.equal(eighth.status, 429);
    assert.equal(eighth.body.error.code, 'TooManyRequests');
    assert.ok(Number(eighth.retryAfter) >= 1 && Number(eighth.retryAfter) <= 60, `Retry-After ${eighth.retryAfter}`);
    assert.equal((await call(teams, 'POST', activitiesOf(group.id), cardActivity('Elsewhere'))).status, 200);
    assert.equal((await call(teams, 'GET', `/v3/conversations/${encodeURIComponent(personal.id)}/members/29%3Aalex`)).status, 200, 'lookups are not throttled');
  });

  it('sends the configured Retry-After', async () => {
    world = await startWorld({ rateLimits: { windows: [{ operations: 1, windowInMs: 60_000 }], retryAfterSeconds: 2 } });
    await call(world.teams, 'POST', activitiesOf(world.personal.id), cardActivity('One'));
    const refused = await call(world.teams, 'POST', activitiesOf(world.personal.id), cardActivity('Two'));
    assert.deepEqual([refused.status, refused.retryAfter], [429, '2']);
  });

  it('fails the next matching calls as told (failNext), then answers again', async () => {
    world = await startWorld();
    const { teams, personal } = world;
    const { body } = await call(teams, 'POST', activitiesOf(personal.id), cardActivity('Card'));
    teams.failNext({ method: 'PUT', pathIncludes: body.id, status: 503, count: 2, retryAfterSeconds: 3 });
    const failed = await call(teams, 'PUT', `${activitiesOf(personal.id)}/${body.id}`, cardActivity('A'));
    assert.equal((await call(teams, 'POST', activitiesOf(personal.id), cardActivity('Not a PUT'))).status, 200);
    const again = await call(teams, 'PUT', `${activitiesOf(personal.id)}/${body.id}`, cardActivity('B'));
    const through = await call(teams, 'PUT', `${activitiesOf(personal.id)}/${body.id}`, cardActivity('C'));
    assert.deepEqual([failed.status, failed.retryAfter, failed.body.error.code, again.status, through.status], [503, '3', 'ServiceUnavailable', 503, 200]);
    assert.equal(cardText(teams.sharedCard(body.id)), 'C');
  });

  it('fails every matching call with count Infinity, until clearFaults ends the outage', async () => {
    world = await startWorld();
    const { teams, personal } = world;
    const { body } = await call(teams, 'POST', activitiesOf(personal.id), cardActivity('Card'));
    teams.failNext({ method: 'PUT', status: 503, count: Infinity });
    const put = () => call(teams, 'PUT', `${activitiesOf(personal.id)}/${body.id}`, cardActivity('Update'));
    const during = [];
    for (let attempt = 0; attempt < 5; attempt += 1) during.push((await put()).status);
    teams.clearFaults();
    assert.deepEqual([...during, (await put()).status], [503, 503, 503, 503, 503, 200]);
  });

  it('answers TeamsInfo.getMember by object id, MRI and UPN in personal chats, group chats and channels (by team)', async () => {
    world = await startWorld();
    const { teams, bot, alex, avery, personal, group, channel } = world;
    const asked: Array<{ name: string; id: string; userPrincipalName?: string }> = [];
    let lookups: string[] = [];
    bot.onTurn = async (context: TurnContext) => {
      for (const userId of lookups) asked.push(await TeamsInfo.getMember(context, userId));
    };
    lookups = [alex.aadObjectId, alex.mri, alex.upn.toUpperCase()];
    await teams.send(alex, personal, 'who');
    lookups = [avery.aadObjectId, avery.mri];
    await teams.send(alex, group, 'who');
    await teams.send(avery, channel, 'who');
    assert.deepEqual(asked.map((member) => [member.id, member.name]), [
      ...Array(3).fill([alex.mri, alex.name]),
      ...Array(4).fill([avery.mri, avery.name]),
    ]);
    assert.equal(asked[0].userPrincipalName, alex.upn);
    const channelLookup = teams.calls.filter((recorded) => recorded.kind === 'member').at(-1)!;
    assert.equal(channelLookup.conversationId, '19:team@thread.tacv2', 'in a channel the SDK asks the team');
  });

  it('answers 404 MemberNotFoundInConversation for someone who is not a member', async () => {
    world = await startWorld();
    const { teams, bot, alex, blake, personal } = world;
    let failure: any;
    bot.onTurn = async (context) => {
      failure = await TeamsInfo.getMember(context, blake.aadObjectId).then(() => undefined, (error: unknown) => error);
    };
    await teams.send(alex, personal, 'who');
    assert.equal(failure?.statusCode, 404, String(failure));
    const answered = teams.calls.find((recorded) => recorded.kind === 'member')!;
    assert.deepEqual((answered.answer as { error: { code: string } }).error.code, 'MemberNotFoundInConversation');
  });
});
