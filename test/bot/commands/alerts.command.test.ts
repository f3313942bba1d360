/** `alerts [sub]` through the real Application and the simulator's alerts API. */
import assert from 'node:assert/strict';
import { DEMO_SEED, DEMO_SUBSCRIPTIONS, type SeedAlert, type SimulatorSeed } from '../../../src/azure/simulator';
import { ALERTS_PAGE_SIZE, VERBS } from '../../../src/cards';
import { armClient } from '../../azure/simulator/armHttp';
import { collectActions, findAction, markdownTexts, validateAdaptiveCard } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { REQUESTER } from '../people';

const DEV = DEMO_SUBSCRIPTIONS.contosoDev;
const BUSY = 'eeeeeeee-0000-4000-8000-000000000001';
const NO_RIGHTS = 'eeeeeeee-0000-4000-8000-000000000002';
const EVIL = '[Approve here](https://evil.example/phish) **now** <at>Avery Approver</at> ${$root.title}';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const spike = (minutes: number, extra: Partial<SeedAlert> = {}): SeedAlert => ({
  alertType: 'API_SpikeInAPITraffic', alertDisplayName: `Spike ${minutes} minutes ago`, severity: 'Medium', timeGeneratedUtc: minutesAgo(minutes), compromisedEntity: 'Orders', ...extra,
});

const seed: SimulatorSeed = {
  ...DEMO_SEED,
  subscriptions: [
    ...DEMO_SEED.subscriptions,
    { subscriptionId: BUSY, displayName: 'Busy APIs', alerts: Array.from({ length: ALERTS_PAGE_SIZE + 4 }, (_, index) => spike(index + 1)) },
    { subscriptionId: NO_RIGHTS, displayName: 'No alert rights', canReadAlerts: false },
  ],
};

describe('alerts command', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness({ seed })));
  afterEach(async () => {
    assert.deepEqual(bot.simulator.violations(), []);
    await bot.close();
  });

  it('shows the Defender for APIs alerts of the last 7 days, newest first; the VM_ alert and the older one never show', async () => {
    const replies = await bot.send('alerts "Contoso Dev"', REQUESTER, 'groupChat');
    assert.equal(replies.length, 1);
    const card = cardOf(replies[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    const text = cardText(card);
    assert.match(text, /Defender for APIs alerts · Contoso Dev/);
    assert.match(text, /4 alerts in the last 7 days · 3 open: 2 Medium, 1 Low/);
    assert.doesNotMatch(text, /test alert|vm-build-01/, 'the VM_EICAR alert is not a Defender for APIs alert');
    assert.doesNotMatch(text, /outside the 7 days/, 'older than 7 days');
    const names = text.split('\n').filter((line) => /^(Suspicious|Unusually|\(Preview\))/.test(line));
    assert.deepEqual(names, [
      'Suspicious spike in API traffic to an API endpoint from a single IP address',
      'Unusually large response payload transmitted between a single IP address and an API endpoint',
      '(Preview) Suspicious spike in latency for traffic between a single IP address and an API endpoint',
      'Suspicious spike in API traffic to an API endpoint from a single IP address',
    ]);
    assert.match(text, /API: Orders v1 · \d{4}-\d\d-\d\d \d\d:\d\d UTC · In progress/);
    assert.match(text, /API: Orders v1 · .* · Resolved/);
    const links = collectActions(card).filter((action) => action.type === 'Action.OpenUrl');
    assert.equal(links.length, 4);
    assert.ok(links.every((link) => String(link.url).startsWith('https://portal.azure.com/#blade/')));
  });

  it('pages with Show more, re-reading the subscription', async () => {
    const first = cardOf((await bot.send('alerts "Busy APIs"', REQUESTER))[0]);
    assert.match(cardText(first), new RegExp(`Showing 1–${ALERTS_PAGE_SIZE} of ${ALERTS_PAGE_SIZE + 4}, newest first`));
    assert.match(cardText(first), /Spike 1 minutes ago/);
    const more = findAction(first, { verb: VERBS.alertsMore })!;
    assert.deepEqual(more.data, { page: 2, subscriptionId: BUSY });
    const second = await bot.click(VERBS.alertsMore, more.data, REQUESTER);
    assert.deepEqual(validateAdaptiveCard(second), []);
    assert.match(cardText(second), new RegExp(`Showing ${ALERTS_PAGE_SIZE + 1}–${ALERTS_PAGE_SIZE + 4}`));
    assert.match(cardText(second), new RegExp(`Spike ${ALERTS_PAGE_SIZE + 4} minutes ago`));
    assert.doesNotMatch(cardText(second), /Spike 1 minutes ago/);
  });

  it('without a subscription: every visible subscription, naming those that could not be read, paged, and limited like `list`', async () => {
    const card = cardOf((await bot.send('alerts', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    const text = cardText(card);
    assert.match(text, /Defender for APIs alerts · 8 subscriptions/);
    assert.match(text, new RegExp(`${ALERTS_PAGE_SIZE + 4 + 4} alerts in the last 7 days`));
    assert.match(text, /Could not read the alerts of 2 subscriptions:/);
    assert.match(text, /• Legacy Billing: MissingSubscriptionRegistration: .*az provider register --namespace Microsoft\.Security/);
    assert.match(text, /• No alert rights: AuthorizationFailed: .*Security Reader/);
    assert.match(text, /· Busy APIs/, 'each alert names its subscription');
    const more = findAction(card, { verb: VERBS.alertsMore })!;
    assert.deepEqual(more.data, { page: 2 });
    const second = await bot.click(VERBS.alertsMore, more.data, REQUESTER);
    assert.match(cardText(second), /Contoso Dev/);
    for (let turn = 2; turn < 6; turn++) await bot.send('alerts', REQUESTER);
    assert.match(cardText(cardOf((await bot.send('alerts', REQUESTER))[0])), /Please wait a little/);
    assert.match(cardText(await bot.click(VERBS.alertsMore, more.data, REQUESTER)), /Please wait a little/);
    assert.doesNotMatch(cardText(cardOf((await bot.send('alerts "Contoso Dev"', REQUESTER))[0])), /Please wait/, 'one subscription is not a fleet read');
  });

  it('says what to do: no right to read alerts (403), Microsoft.Security not registered, unknown subscription', async () => {
    const forbidden = cardOf((await bot.send('alerts "No alert rights"', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(forbidden), []);
    assert.match(cardText(forbidden), /The bot's identity may not read this[\s\S]*Could not read the alerts of No alert rights\. AuthorizationFailed: .*Microsoft\.Security\/alerts\/read.*az role assignment create --assignee \S+ --role "Security Reader" --scope \/subscriptions\/eeeeeeee-0000-4000-8000-000000000002/);
    const unregistered = cardText(cardOf((await bot.send('alerts "Legacy Billing"', REQUESTER))[0]));
    assert.match(unregistered, /Microsoft\.Security is not registered[\s\S]*az provider register --namespace Microsoft\.Security --subscription 9e07d5b2-a6c4-4e3f-b218-5f4c8d1a0e96/);
    assert.match(cardText(cardOf((await bot.send('alerts "Tailspin"', REQUESTER))[0])), /Subscription not found[\s\S]*Tailspin/);
    const gone = await bot.click(VERBS.alertsMore, { page: 2, subscriptionId: 'ffffffff-0000-4000-8000-000000000000' }, REQUESTER);
    assert.match(cardText(gone), /Subscription not found/);
    assert.match(cardText(await bot.click(VERBS.alertsMore, { page: 2, subscriptionId: 'x/../y' }, REQUESTER)), /cannot accept/);
  });

  it('an alert raised while running (POST /_simulator/alerts) shows first', async () => {
    const http = armClient(bot.simulator);
    try {
      const raised = await http.request('POST', '/_simulator/alerts', { body: { subscriptionId: DEV, alert: { alertType: 'API_SpikeInPayload', alertDisplayName: 'Raised just now', severity: 'High', compromisedEntity: 'Echo API' } } });
      assert.equal(raised.status, 201);
    } finally {
      http.close();
    }
    const text = cardText(cardOf((await bot.send('alerts "Contoso Dev"', REQUESTER))[0]));
    assert.match(text, /5 alerts in the last 7 days · 4 open: 1 High, 2 Medium, 1 Low/);
    assert.match(text, /^High\nRaised just now\nAPI: Echo API/m);
  });

  it('threat: an alert whose name, API and description carry links, mentions and template syntax renders as plain text; a non-portal link is not offered', async () => {
    const http = armClient(bot.simulator);
    try {
      const alert = { alertType: 'API_SpikeInAPITraffic', alertDisplayName: EVIL, compromisedEntity: EVIL, description: EVIL, severity: 'High', alertUri: 'https://evil.example/portal.azure.com' };
      assert.equal((await http.request('POST', '/_simulator/alerts', { body: { subscriptionId: BUSY, alert } })).status, 201);
      await http.request('POST', '/_simulator/alerts', { body: { subscriptionId: BUSY, alert: { ...alert, alertUri: 'javascript:alert(1)' } } });
    } finally {
      http.close();
    }
    const card = cardOf((await bot.send('alerts "Busy APIs"', REQUESTER))[0]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    const rendered = markdownTexts(card);
    assert.ok(rendered.some((line) => line.includes('Approve here')));
    assert.ok(rendered.every((line) => !/(?<!\\)\[[^\]]*(?<!\\)\]\(/.test(line) && !/(?<!\\)\*\*/.test(line)), rendered.join('\n'));
    assert.ok(rendered.every((line) => !line.includes('<at>')), 'no mention markup reaches a TextBlock');
    assert.ok(JSON.stringify(card).includes(JSON.stringify(EVIL)), 'the description is shown whole, as plain text in a TextRun');
    const urls = collectActions(card).filter((action) => action.type === 'Action.OpenUrl').map((action) => String(action.url));
    assert.ok(urls.every((url) => url.startsWith('https://portal.azure.com/')), urls.join('\n'));
    assert.equal(urls.length, ALERTS_PAGE_SIZE - 2, 'the two hostile alerts get no link');
  });
});
