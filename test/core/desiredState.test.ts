/** Restore plans: exact values, every difference listed, extensions merged into the current list (never dropped). */
import assert from 'node:assert/strict';
import type { DefenderSettings } from '../../src/core/defender';
import { desiredChanges, desiredFromBefore, mergeExtensionsToward, planRestoreTarget, targetStaleReasons } from '../../src/core/desiredState';
import { planHash, planTarget } from '../../src/core/plan';

const SUBSCRIPTION = { subscriptionId: '11111111-2222-3333-4444-555555555555', displayName: 'Contoso Prod' };

function settings(overrides: Partial<DefenderSettings> = {}): DefenderSettings {
  return {
    subscriptionId: SUBSCRIPTION.subscriptionId,
    api: { pricingTier: 'Free' },
    cspm: {
      pricingTier: 'Standard',
      extensions: [
        { name: 'ApiPosture', isEnabled: false },
        { name: 'AgentlessVmScanning', isEnabled: true, additionalExtensionProperties: { ExclusionTags: '[]' } },
      ],
    },
    ...overrides,
  };
}

describe('desired state (revert plans)', () => {
  const before = settings();
  const after = settings({
    api: { pricingTier: 'Standard', subPlan: 'P2' },
    cspm: { pricingTier: 'Standard', extensions: [{ name: 'ApiPosture', isEnabled: true }, { name: 'AgentlessVmScanning', isEnabled: true, additionalExtensionProperties: { ExclusionTags: '[]' } }, { name: 'NewExtension', isEnabled: true }] },
  });

  it('lists exactly what differs, setting by setting', () => {
    assert.deepEqual(desiredChanges(after, desiredFromBefore(before)), [
      { setting: 'defenderForApis', before: 'Standard (P2)', after: 'Free' },
      { setting: 'apiPosture', before: 'On', after: 'Off' },
    ]);
    assert.deepEqual(desiredChanges(before, desiredFromBefore(before)), []);
  });

  it('never drops an extension that exists now, and restores listed ones exactly', () => {
    const merged = mergeExtensionsToward(after.cspm.extensions, desiredFromBefore(before));
    assert.deepEqual(merged, [
      { name: 'ApiPosture', isEnabled: false },
      { name: 'AgentlessVmScanning', isEnabled: true, additionalExtensionProperties: { ExclusionTags: '[]' } },
      { name: 'NewExtension', isEnabled: true },
    ]);
  });

  it('is stale when a planned extension moved, and hashes the desired state (an enable plan hashes as before)', () => {
    const target = planRestoreTarget(SUBSCRIPTION, after, desiredFromBefore(before));
    assert.deepEqual(targetStaleReasons(target, after), []);
    const moved = settings({ ...after, api: { pricingTier: 'Standard', subPlan: 'P5' } });
    assert.equal(targetStaleReasons(target, moved).length, 1);

    const otherDesired = planRestoreTarget(SUBSCRIPTION, after, { ...desiredFromBefore(before), cspm: { ...desiredFromBefore(before).cspm, extensions: [] } });
    assert.notEqual(planHash({ targets: [target] }), planHash({ targets: [otherDesired] }));
    const enable = planTarget(SUBSCRIPTION, before);
    assert.equal(planHash({ targets: [enable] }), planHash({ targets: [{ ...enable, desired: undefined }] }));
  });
});
