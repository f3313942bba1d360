/**
 * Take it / Resolve on a watch alert card, through the real bot and the simulator's alerts API: an approver and a
 * responder may, anyone else is refused clearly; each change and each refusal is audited; the shared card then shows
 * who did what, for everyone. A forged click names no alert the watch did not post, so it reaches no ARM call.
 */
import assert from 'node:assert/strict';
import { DEMO_SEED } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { findExecuteAction } from '../../support/cardText';
import { BotHarness, cardOf, cardText } from '../harness';
import { APPROVER, BYSTANDER, type TeamsUser } from '../people';
import { DEV, findingIdOn, raiseAlert, scan, startWatchBot, watchCards } from './watchWorld';

const RESPONDER: TeamsUser = { id: '29:responder', name: 'Rowan Responder', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000006' };

describe('Take it / Resolve on a watch alert card', () => {
  let bot: BotHarness;
  let findingId: string;
  let alertName: string;
  const alertStatus = () => bot.simulator.state.alerts.list(DEV).find((alert) => alert.name === alertName)?.properties.status;
  const alertWrites = () => bot.simulator.writes().map((write) => `${write.method} ${write.path}`);
  const auditTypes = async () => (await bot.deps.audit.list({ limit: 50 })).map((entry) => `${entry.type} ${entry.actor.name}`).reverse();
  const sharedCardText = () => cardText(cardOf(bot.adapter.updates.at(-1)));

  beforeEach(async () => {
    bot = await startWatchBot({ seed: DEMO_SEED, watch: { minSeverity: 'Medium', responders: [RESPONDER.aadObjectId!] } });
    await scan(bot);
    alertName = raiseAlert(bot.simulator, { alertDisplayName: 'Suspicious spike in API traffic', severity: 'High', resourceIdentifiers: [{ type: 'AzureResource', azureResourceId: `/subscriptions/${DEV}/resourceGroups/rg-dev/providers/Microsoft.ApiManagement/service/contoso-dev-apim/apis/echo-api` }] }).name;
    await scan(bot);
    const [card] = watchCards(bot);
    assert.match(card.text, /New Defender for APIs alert · Contoso Dev[\s\S]*High[\s\S]*Suspicious spike in API traffic/);
    assert.ok(findExecuteAction(card.card, VERBS.alertTake) && findExecuteAction(card.card, VERBS.alertResolve));
    findingId = findingIdOn(card.card);
  });
  afterEach(async () => {
    assert.deepEqual(bot.simulator.violations(), []);
    await bot.close();
  });

  it('an approver takes it, a responder resolves it: the alert changes in Azure, both are audited, and the shared card says who did what', async () => {
    const taken = await bot.click(VERBS.alertTake, { findingId }, APPROVER, 'channel');
    assert.deepEqual(validateAdaptiveCard(taken), []);
    assert.match(cardText(taken), /Taken \(in progress\) by Avery Approver/);
    assert.equal(alertStatus(), 'InProgress');
    await bot.settle();
    assert.match(sharedCardText(), /Status: In progress[\s\S]*Taken \(in progress\) by Avery Approver/, 'everyone sees it');
    assert.equal(findExecuteAction(cardOf(bot.adapter.updates.at(-1)), VERBS.alertTake), undefined, 'no Take it on a taken alert');

    const resolved = await bot.click(VERBS.alertResolve, { findingId }, RESPONDER, 'channel');
    assert.match(cardText(resolved), /Resolved by Rowan Responder/);
    assert.equal(alertStatus(), 'Resolved');
    await bot.settle();
    assert.match(sharedCardText(), /Taken \(in progress\) by Avery Approver[\s\S]*Resolved by Rowan Responder/);
    assert.equal(findExecuteAction(cardOf(bot.adapter.updates.at(-1)), VERBS.alertResolve), undefined);

    assert.deepEqual(alertWrites().map((write) => write.replace(/^POST .*\/alerts\/[^/]+\//, 'POST ')), ['POST inProgress', 'POST resolve']);
    assert.ok(alertWrites()[0].includes(`/resourceGroups/rg-dev/providers/Microsoft.Security/locations/westeurope/alerts/${alertName}/`), 'addressed by its own id');
    assert.deepEqual((await auditTypes()).filter((line) => line.startsWith('alert.')), ['alert.taken Avery Approver', 'alert.resolved Rowan Responder']);
    const history = await bot.send('history', APPROVER);
    assert.match(cardText(cardOf(history[0])), /Alert resolved · Contoso Dev[\s\S]*Alert taken · Contoso Dev/);

    const again = await bot.click(VERBS.alertResolve, { findingId }, APPROVER, 'channel');
    assert.match(cardText(again), /Nothing to change[\s\S]*resolved already by Rowan Responder/);
    assert.equal(alertWrites().length, 2);
  });

  it('two people taking it at once: one write to Azure, one audit entry, and the second is told who took it', async () => {
    const posts = bot.simulator.hold({ method: 'POST', pathIncludes: '/alerts/' });
    const clicks = Promise.all([bot.click(VERBS.alertTake, { findingId }, APPROVER, 'channel'), bot.click(VERBS.alertTake, { findingId }, RESPONDER, 'channel')]);
    await posts.untilHeld(1);
    posts.stop();
    const answers = (await clicks).map(cardText);
    assert.equal(alertWrites().length, 1);
    const taken = (await auditTypes()).filter((line) => line.startsWith('alert.'));
    assert.equal(taken.length, 1, taken.join());
    const taker = taken[0].replace('alert.taken ', ''); // whichever click came first
    const other = answers.find((answer) => !answer.includes(`Taken (in progress) by ${taker}`)) ?? '';
    assert.match(other, new RegExp(`Nothing to change[\\s\\S]*in progress already by ${taker}`));
  });

  it('refuses someone who is neither approver nor responder, changes nothing in Azure, and audits the attempt', async () => {
    const refused = await bot.click(VERBS.alertResolve, { findingId }, BYSTANDER, 'channel');
    assert.match(cardText(refused), /You cannot resolve this alert[\s\S]*Only approvers and responders/);
    assert.equal(alertStatus(), 'Active');
    assert.deepEqual(alertWrites(), []);
    assert.deepEqual((await auditTypes()).filter((line) => line.startsWith('alert.')), ['alert.refused Blake Bystander']);
    const unidentified = await bot.click(VERBS.alertTake, { findingId }, { id: '29:anon', name: 'Nobody' }, 'channel');
    assert.match(cardText(unidentified), /I cannot tell who you are/);
  });

  it('a forged click (an id the watch never gave, or extra fields) reaches no ARM call', async () => {
    const unknown = await bot.click(VERBS.alertTake, { findingId: 'f'.repeat(40) }, APPROVER, 'channel');
    assert.match(cardText(unknown), /not an alert the watch posted/);
    const extra = await bot.click(VERBS.alertTake, { findingId, subscriptionId: DEV, name: '../../pricings/Api' }, APPROVER, 'channel');
    assert.match(cardText(extra), /unexpected field "subscriptionId"/);
    const traversal = await bot.click(VERBS.alertResolve, { findingId: '../../providers/Microsoft.Security/pricings' }, APPROVER, 'channel');
    assert.match(cardText(traversal), /That button sent something I cannot accept/);
    assert.deepEqual(alertWrites(), []);
    assert.equal(alertStatus(), 'Active');
  });

  it('when Azure refuses the change, says why and records nothing', async () => {
    bot.simulator.state.subscription(DEV).canWritePricings = false;
    const refused = await bot.click(VERBS.alertTake, { findingId }, APPROVER, 'channel');
    assert.match(cardText(refused), /Azure said no[\s\S]*Microsoft\.Security\/locations\/alerts\/inProgress\/action/);
    assert.equal(alertStatus(), 'Active');
    assert.deepEqual((await bot.deps.watch.memory.get(findingId))?.actions, undefined);
    assert.deepEqual((await auditTypes()).filter((line) => line.startsWith('alert.')), []);
  });
});

describe('Take it / Resolve outside DEFENDER_ALLOWED_CONVERSATIONS', () => {
  it('is refused like an approval there, and nothing reaches ARM', async () => {
    const bot = await startWatchBot({ seed: DEMO_SEED, guardrails: { allowedConversations: ['19:group-chat@thread.v2'] } });
    try {
      await scan(bot);
      raiseAlert(bot.simulator, { alertDisplayName: 'Spike' });
      await scan(bot);
      const answer = await bot.click(VERBS.alertTake, { findingId: findingIdOn(watchCards(bot)[0].card) }, APPROVER, 'channel');
      assert.match(cardText(answer), /Not in this conversation/);
      assert.deepEqual(bot.simulator.writes(), []);
    } finally {
      await bot.close();
    }
  });
});
