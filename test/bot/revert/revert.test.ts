/** `revert <request id>` through the real Application and the simulator: the exact before-state comes back. */
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { VERBS } from '../../../src/cards';
import type { DefenderSettings } from '../../../src/core/defender';
import { validateAdaptiveCard } from '../../cards/validateCard';
import { BotHarness, cardOf, cardText, createBotHarness } from '../harness';
import { APPROVER, REQUESTER } from '../people';
import { approveDataOf, openRequest } from '../requestFlow';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

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
    assert.match(text, /Defender for APIs\nStandard \(P1\) → Free/);
    assert.match(text, /API security posture management \(CSPM\)\nOn → Off/);
    assert.match(text, /CSPM extension ContainerRegistriesVulnerabilityAssessments\nOff → On/);
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
});
