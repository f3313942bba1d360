/**
 * @defender end to end, in the Microsoft 365 Agents Playground driven by headless Chromium: the real bot in
 * demo mode (with its ARM simulator), the real playground, the real browser. One story, step by step:
 * Alex asks in his personal chat and in a channel, may not approve his own request, Avery approves, ARM
 * gets exactly one write per setting, and every copy of the card ends up "done".
 * Run with `npm run test:e2e`; each step leaves a screenshot in test-results/e2e/screens.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { DEMO_SUBSCRIPTIONS } from '../../src/azure/simulator/demoSeed';
import { APPROVER, E2eEnvironment, REQUESTER, SCREENS_DIR } from './support/environment';
import { writeFindings } from './support/findings';
import { pricingWrites, readSimulatorRequests } from './support/simulatorLog';

const screen = (name: string) => path.join(SCREENS_DIR, `${name}.png`);

describe('e2e: @defender in the Agents Playground (headless Chromium)', function () {
  const environment = new E2eEnvironment();
  /** Set as the story goes on. */
  let requestId = '';
  let requestCardInPersonalChat: Locator | undefined;
  let updatedInPlace = false;

  before(async function () {
    this.timeout(240_000);
    await environment.start(process.env);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const left = await environment.recordFailure(this.currentTest.title);
    process.stderr.write(`\n  What the failed step left behind:\n${left.map((file) => `    ${file}`).join('\n')}\n`);
  });

  after(async function () {
    this.timeout(60_000);
    await environment.dispose();
  });

  it('answers `help` in the personal chat with the command list', async () => {
    const alex = environment.page(REQUESTER);
    await alex.openConversation('Personal Chat');
    const card = await alex.send('help', /@defender commands/);
    const text = await card.innerText();
    // The examples, not the exact wording: the help text evolves, the commands stay.
    for (const command of ['status', 'list', 'enable', 'requests', 'history']) assert.match(text, new RegExp(`@defender ${command}\\b`));
    await alex.screenshot(screen('help'), card);
  });

  // Regression: plain "<subscription>" was read as an HTML tag by the renderer and vanished; usage lines are code spans now.
  it('help shows each command\'s arguments', async () => {
    const alex = environment.page(REQUESTER);
    const card = await alex.waitForCard(/@defender commands/, 'the help card');
    const text = await card.innerText();
    assert.match(text, /status \S*subscription/);
    assert.match(text, /revert \S*request id/);
  });

  it('shows the status of Contoso Prod: both settings off', async () => {
    const alex = environment.page(REQUESTER);
    const card = await alex.send('status "Contoso Prod"', /Defender status · Contoso Prod/);
    const text = await card.innerText();
    assert.match(text, /Off: Defender for APIs and API security posture/);
    assert.match(text, new RegExp(DEMO_SUBSCRIPTIONS.contosoProd));
    assert.match(text, /contoso-apim/);
    await alex.screenshot(screen('status'), card);
  });

  it('previews `enable` and posts the approval card, without writing to Azure', async () => {
    const alex = environment.page(REQUESTER);
    const preview = await alex.send('enable "Contoso Prod"', /Sent for approval as request/);
    const previewText = await preview.innerText();
    assert.match(previewText, /2 changes to make/);
    assert.match(previewText, /Free → Standard \(P1\)/);
    requestId = previewText.match(/request (req_[a-z0-9]+)/)?.[1] ?? '';
    assert.ok(requestId, `no request id in the preview card:\n${previewText}`);
    await alex.screenshot(screen('enable-preview'), preview);

    requestCardInPersonalChat = await alex.waitForCard(new RegExp(`${requestId}[\\s\\S]*Waiting for approval`), 'the approval card', { onlyNew: true });
    const requestText = await requestCardInPersonalChat.innerText();
    assert.match(requestText, /Requested by\s+Alex Admin/);
    for (const button of ['Approve', 'Reject…', 'Cancel request', 'Refresh']) assert.match(requestText, new RegExp(escape(button)));
    await alex.screenshot(screen('approval-request'), requestCardInPersonalChat);

    const writes = pricingWrites(await readSimulatorRequests(environment.bot!.simulatorPort), DEMO_SUBSCRIPTIONS.contosoProd);
    assert.deepEqual(writes, [], 'a request must not write to ARM before it is approved');
  });

  it('refuses the requester\'s own Approve with a clear message', async () => {
    const alex = environment.page(REQUESTER);
    await alex.pressCardButton(requestCardInPersonalChat!, 'Approve');
    const text = await alex.waitForCardText(requestCardInPersonalChat!, /so you can't approve it yourself/, 'the self-approval refusal');
    assert.match(text, new RegExp(`You requested ${requestId}, so you can't approve it yourself`));
    await alex.screenshot(screen('refused-self-approval'), requestCardInPersonalChat!);
  });

  it('answers help, status and enable in a channel when @mentioned, and shows the open request there', async () => {
    const alex = environment.page(REQUESTER);
    await alex.openConversation('Cloud Platform - General');
    await alex.send('help', /@defender commands/);
    await alex.send('status "Contoso Prod"', /Defender status · Contoso Prod/);
    const answer = await alex.send('enable "Contoso Prod"', /A request is already open/);
    assert.match(await answer.innerText(), new RegExp(`already has an open request \\(${requestId}\\) from Alex Admin`));
    const requestCard = await alex.waitForCard(new RegExp(`${requestId}[\\s\\S]*Waiting for approval`), 'the approval card in the channel', { onlyNew: true });
    await alex.screenshot(screen('channel-mention'), answer, requestCard);

    const channelMessages = environment.tap!.activities.filter((activity) => activity.type === 'message' && activity.conversation?.conversationType === 'channel');
    assert.ok(channelMessages.length >= 3, 'the channel messages reached the bot');
    for (const message of channelMessages) assert.match(message.text ?? '', /^<at>Defender<\/at> /, 'a channel message carries the bot mention');
  });

  it('lets Avery (an approver, not the requester) approve: the card says it is applying, then done', async () => {
    const avery = environment.page(APPROVER);
    await avery.openConversation('Personal Chat');
    const header = await avery.send('requests', /open request/i);
    assert.match(await header.innerText(), /1/);
    const card = await avery.waitForCard(new RegExp(`${requestId}[\\s\\S]*Waiting for approval`), 'the request card for the approver', { onlyNew: true });
    const approverView = await card.innerText();
    assert.match(approverView, /Approve/);
    assert.doesNotMatch(approverView, /Cancel request/, 'an approver who did not ask cannot cancel');
    await avery.screenshot(screen('approver-requests'), card);

    await avery.pressCardButton(card, 'Approve');
    await avery.waitForCardText(card, /Approved · applying|Done: the changes are applied/, 'the approval to be accepted');
    // No click from here: only the bot's updateActivity can turn the card into "done".
    const doneText = await avery.waitForCardText(card, /Done: the changes are applied/, 'the card to be updated to done in place', 60_000);
    updatedInPlace = true;
    assert.match(doneText, /Avery Approver/);
    await avery.screenshot(screen('approved'), card);
  });

  it('wrote exactly one PUT per setting to ARM for Contoso Prod', async () => {
    const writes = pricingWrites(await readSimulatorRequests(environment.bot!.simulatorPort), DEMO_SUBSCRIPTIONS.contosoProd);
    const names = writes.map((write) => write.path.split('/').pop()?.toLowerCase()).sort();
    assert.deepEqual(names, ['api', 'cloudposture'], `pricing PUTs: ${JSON.stringify(writes.map((write) => write.path))}`);
    assert.ok(writes.every((write) => write.status >= 200 && write.status < 300), 'ARM accepted both writes');
  });

  it('updates Alex\'s copy of the card in place and tells him the request is done', async () => {
    const alex = environment.page(REQUESTER);
    await alex.openConversation('Personal Chat');
    const notice = await alex.waitForCard(/Your request is done/, 'the requester\'s notification');
    assert.match(await notice.innerText(), new RegExp(`are on for Contoso Prod \\(request ${requestId}\\)`));
    const updated = await alex.waitForCard(new RegExp(`${requestId}[\\s\\S]*Done: the changes are applied`), 'Alex\'s request card updated to done');
    await alex.screenshot(screen('requester-notified'), updated, notice);
  });

  it('lists the subscriptions, Contoso Prod now on', async () => {
    const alex = environment.page(REQUESTER);
    const card = await alex.send('list', /Contoso Dev/);
    assert.match(await card.innerText(), /Contoso Prod/);
    await alex.screenshot(screen('list'), card);
  });

  it('shows the audit history of Contoso Prod: requested, approved, applied', async () => {
    const alex = environment.page(REQUESTER);
    const card = await alex.send('history "Contoso Prod"', /History/);
    const text = await card.innerText();
    assert.match(text, /Created/i);
    assert.match(text, /Avery Approver/);
    assert.match(text, /Succeeded/i);
    await alex.screenshot(screen('history'), card);
  });

  it('says there is nothing to change for a subscription where both are on, and asks no approval', async () => {
    const alex = environment.page(REQUESTER);
    const card = await alex.send('enable "Contoso Dev"', /Contoso Dev/);
    assert.match(await card.innerText(), /[Nn]othing to change|already on/);
    await alex.screenshot(screen('nothing-to-change'), card);
  });

  it('suggests the closest command for a typo', async () => {
    const alex = environment.page(REQUESTER);
    const card = await alex.send('stauts "Contoso Prod"', /I don't know that command/);
    assert.match(await card.innerText(), /Did you mean/);
    await alex.screenshot(screen('did-you-mean'), card);
  });

  it('shows the API posture of Contoso Dev: totals and one row per API', async () => {
    const alex = environment.page(REQUESTER);
    await alex.openConversation('Personal Chat');
    const card = await alex.send('posture "Contoso Dev"', /API posture · Contoso Dev/);
    const text = await card.innerText();
    assert.match(text, /APIs onboarded/);
    assert.match(text, /Echo API/);
    await alex.screenshot(screen('posture'), card);
  });

  it('shows the open API alerts of Contoso Dev, and none of its VM alerts', async () => {
    const alex = environment.page(REQUESTER);
    const card = await alex.send('alerts "Contoso Dev"', /alerts · Contoso Dev/i);
    const text = await card.innerText();
    assert.match(text, /spike/i);
    assert.doesNotMatch(text, /vm-build-01/);
    await alex.screenshot(screen('alerts'), card);
  });

  it('posts a new High alert in the approvers\' channel once Avery registers it, and Take it updates the card there', async function () {
    this.timeout(240_000);
    const avery = environment.page(APPROVER);
    await avery.openConversation('Cloud Platform - General');
    await avery.send('register approvals channel', /Approvers' channel registered/);
    // The seeded alert appears 90 s after start-up and the demo's watch scans every 30 s.
    const card = await avery.waitForCard(/New Defender for APIs alert · Contoso Dev[\s\S]*High/, 'the watch card for the new alert', { timeoutInMs: 180_000 });
    assert.match(await card.innerText(), /198\.51\.100\.23/);
    await avery.screenshot(screen('watch-alert'), card);
    await avery.pressCardButton(card, 'Take it');
    await avery.waitForCardText(card, /Avery Approver/, 'the alert card to show who took it', 60_000);
  });

  it('records what the playground sends and shows (aadObjectId, refresh, updateActivity)', async () => {
    const findings = writeFindings(environment.tap!.activities, { updatedInPlace, timings: environment.timings });
    assert.ok(findings.everyUserActivityHasAadObjectId, 'every message and invoke carries from.aadObjectId');
    process.stdout.write(
      `      playground: from.aadObjectId sent; automatic refresh invokes: ${findings.automaticRefreshInvokes}; ` +
        `cards updated in place by updateActivity: ${findings.updatedInPlace ? 'yes' : 'no'}; ready after ${environment.timings.readyInMs} ms\n`,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
