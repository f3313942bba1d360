/** `revert <request id>` through the real Application and the simulator: the exact before-state comes back. */
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';
import type { DefenderSettings } from '../../../src/core/defender';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, REQUESTER } from '../people';
import { approveDataOf, openRequest, pricingPuts } from '../requestFlow';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;
const SANDBOX = DEMO_SUBSCRIPTIONS.fabrikamSandbox;

/** What a revert promises to restore: tiers, subplan, and every extension with its settings (ARM-managed times aside). */
function restorable(settings: DefenderSettings) {
  return {
    api: { pricingTier: settings.api.pricingTier, subPlan: settings.api.pricingTier === 'Standard' ? settings.api.subPlan : undefined },
    cspm: {
      pricingTier: settings.cspm.pricingTier,
      extensions: settings.cspm.extensions
        .map(({ name, isEnabled, additionalExtensionProperties }) => ({ name, isEnabled, additionalExtensionProperties }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    },
  };
}

describe('revert', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await createBotHarness()));
  afterEach(() => bot.close());

  async function enableAndApprove(subscription: string) {
    const opened = await openRequest(bot, subscription);
    await bot.click(VERBS.approve, opened.approveData, APPROVER);
    await bot.settle();
    const done = await bot.deps.approvals.get(opened.requestId);
    assert.equal(done?.status, 'succeeded');
    return done!;
  }

  it('restores the exact before-state, extensions included, and shows what moved since', async () => {
    const original = await enableAndApprove('"Contoso Prod"');
    const before = original.plan.targets[0].before;

    // After the enable, someone switches an unrelated extension off: the revert must show (and undo) that too.
    const cspm = bot.simulator.state.getPricing(PROD, 'CloudPosture');
    const registries = cspm.extensions.find((extension) => extension.name === 'ContainerRegistriesVulnerabilityAssessments')!;
    registries.isEnabled = 'False';

    const replies = await bot.send(`revert ${original.id}`, REQUESTER);
    assert.equal(replies.length, 2, 'an answer and the revert request card');
    const card = cardOf(replies[1]);
    assert.deepEqual(validateAdaptiveCard(card), []);
    const text = cardText(card);
    assert.match(text, new RegExp(`Revert ${original.id.replace('_', '\\\\_')}`));
    assert.match(text, /Defender for APIs: Standard \(P1\) → Free/);
    assert.match(text, /API security posture management \(CSPM\): On → Off/);
    assert.match(text, /CSPM extension ContainerRegistriesVulnerabilityAssessments: Off → On/);
    assert.doesNotMatch(text, /AgentlessVmScanning/, 'unchanged extensions are not listed');

    const revertRequest = await bot.deps.approvals.get(approveDataOf(card).requestId);
    assert.equal(revertRequest?.revertOf, original.id);
    await bot.click(VERBS.approve, approveDataOf(card), APPROVER);
    await bot.settle();
    const finished = await bot.deps.approvals.get(revertRequest!.id);
    assert.equal(finished?.status, 'succeeded', JSON.stringify(finished?.outcomes));

    const now = await bot.deps.gateway.readSettings(PROD);
    assert.deepEqual(restorable(now), restorable(before));
    const vmScanning = now.cspm.extensions.find((extension) => extension.name === 'AgentlessVmScanning');
    assert.ok(vmScanning?.additionalExtensionProperties?.ExclusionTags, 'extension settings survive the round trip');
    assert.match(cardText(cardOf(bot.adapter.updates.at(-1))), /Done/);
  });

  it('says there is nothing to revert for an unknown or an open request, and when nothing moved since', async () => {
    const unknown = await bot.send('revert req_aaaaaaaaaaaaaaaaaaaa', REQUESTER);
    assert.match(cardText(cardOf(unknown[0])), /No request req\\?_aaaaaaaaaaaaaaaaaaaa exists/);
    const open = await openRequest(bot, '"Woodgrove Payments"');
    const pending = await bot.send(`revert ${open.requestId}`, REQUESTER);
    assert.match(cardText(cardOf(pending[0])), /is pending: it changed nothing/);

    const original = await enableAndApprove('"Fabrikam Sandbox"');
    const firstRevert = approveDataOf(cardOf((await bot.send(`revert ${original.id}`, REQUESTER))[1]));
    await bot.click(VERBS.approve, firstRevert, APPROVER);
    await bot.settle();
    const again = await bot.send(`revert ${original.id}`, REQUESTER);
    assert.match(cardText(cardOf(again[0])), /already as request .* found them/);
  });

  /** Opens `revert <id>` as the requester and returns its request card. */
  async function openRevert(originalId: string) {
    const replies = await bot.send(`revert ${originalId}`, REQUESTER);
    assert.equal(replies.length, 2, 'an answer and the revert request card');
    return cardOf(replies[1]);
  }

  function extension(subscriptionId: string, name: string) {
    return bot.simulator.state.getPricing(subscriptionId, 'CloudPosture').extensions.find((candidate) => candidate.name === name)!;
  }

  it('writes only what its card shows: extensions changed in the portal after planning are written as they are now', async () => {
    const original = await enableAndApprove('"Contoso Prod"');
    const card = await openRevert(original.id);
    const text = cardText(card);
    assert.match(text, /Defender for APIs: Standard \(P1\) → Free/);
    assert.match(text, /API security posture management \(CSPM\): On → Off/);
    assert.doesNotMatch(text, /CSPM extension/, 'nothing else moved, so nothing else is on the card');

    // Between planning and approval, someone changes two other extensions in the portal.
    extension(PROD, 'ContainerRegistriesVulnerabilityAssessments').isEnabled = 'False';
    const newTags = JSON.stringify([{ Key: 'team', Value: 'payments' }]);
    extension(PROD, 'AgentlessVmScanning').additionalExtensionProperties = { ExclusionTags: newTags };
    bot.simulator.clearRequests();

    await bot.click(VERBS.approve, approveDataOf(card), APPROVER);
    await bot.settle();
    const finished = await bot.deps.approvals.get(approveDataOf(card).requestId);
    assert.equal(finished?.status, 'succeeded', JSON.stringify(finished?.outcomes));
    assert.equal(finished?.statusReason, 'Every planned setting is restored.');

    const now = await bot.deps.gateway.readSettings(PROD);
    const after = (name: string) => now.cspm.extensions.find((candidate) => candidate.name === name);
    assert.equal(after('ContainerRegistriesVulnerabilityAssessments')?.isEnabled, false, 'the portal change is kept, not reverted');
    assert.deepEqual(after('AgentlessVmScanning')?.additionalExtensionProperties, { ExclusionTags: newTags });
    assert.equal(after('ApiPosture')?.isEnabled, false, 'the setting on the card is restored');
    assert.equal(now.api.pricingTier, 'Free');
    const cloudPosturePut = bot.simulator.writes().find((write) => write.path.endsWith('/CloudPosture'));
    const sent = (cloudPosturePut?.body as { properties: { extensions: Array<{ name: string; isEnabled: string }> } }).properties.extensions;
    assert.equal(sent.find((candidate) => candidate.name === 'ContainerRegistriesVulnerabilityAssessments')?.isEnabled, 'False');
    assert.match(cardText(cardOf(bot.adapter.updates.at(-1))), /restored|Done/);
  });

  it('a revert to CSPM Free lists every extension it switches off, and is stale (nothing written) if one is turned on after planning', async () => {
    const original = await enableAndApprove('"Fabrikam Sandbox"');
    extension(SANDBOX, 'AgentlessDiscoveryForKubernetes').isEnabled = 'True';
    const card = await openRevert(original.id);
    const text = cardText(card);
    assert.match(text, /Defender CSPM plan: Standard → Free/);
    assert.match(text, /CSPM extension AgentlessDiscoveryForKubernetes: On → Off/, 'Free switches it off, so the card says so');

    extension(SANDBOX, 'SensitiveDataDiscovery').isEnabled = 'True';
    const putsBefore = pricingPuts(bot).length;
    await bot.click(VERBS.approve, approveDataOf(card), APPROVER);
    await bot.settle();
    const finished = await bot.deps.approvals.get(approveDataOf(card).requestId);
    assert.equal(finished?.status, 'stale');
    assert.match(finished?.statusReason ?? '', /SensitiveDataDiscovery was Off when planned and is On now/);
    assert.equal(pricingPuts(bot).length, putsBefore, 'nothing was written');
    assert.equal(extension(SANDBOX, 'SensitiveDataDiscovery').isEnabled, 'True');
    assert.doesNotMatch(cardText(cardOf(bot.adapter.updates.at(-1))), /now on/);
  });
});
