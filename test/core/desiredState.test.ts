/** Restore plans: exact values, every difference listed, extensions merged into the current list (never dropped). */
import assert from 'node:assert/strict';
import type { DefenderSettings } from '../../src/core/defender';
import { desiredChanges, desiredFromBefore, planRestoreTarget, restoreExtensionsToWrite, targetStaleReasons } from '../../src/core/desiredState';
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
    const target = planRestoreTarget(SUBSCRIPTION, after, desiredFromBefore(before));
    const merged = restoreExtensionsToWrite(after.cspm.extensions, target);
    assert.deepEqual(merged, [
      { name: 'ApiPosture', isEnabled: false },
      { name: 'AgentlessVmScanning', isEnabled: true, additionalExtensionProperties: { ExclusionTags: '[]' } },
      { name: 'NewExtension', isEnabled: true },
    ]);
  });

  it('writes only the extensions on the card: one that moved since, but is not on the card, is written as it is now', () => {
    const target = planRestoreTarget(SUBSCRIPTION, after, desiredFromBefore(before));
    const movedSince = [
      { name: 'ApiPosture', isEnabled: true },
      { name: 'AgentlessVmScanning', isEnabled: false, additionalExtensionProperties: { ExclusionTags: '["new"]' } },
      { name: 'NewExtension', isEnabled: false },
    ];
    assert.deepEqual(restoreExtensionsToWrite(movedSince, target), [
      { name: 'ApiPosture', isEnabled: false },
      { name: 'AgentlessVmScanning', isEnabled: false, additionalExtensionProperties: { ExclusionTags: '["new"]' } },
      { name: 'NewExtension', isEnabled: false },
    ]);
  });

  it('a restore to CSPM Free lists every enabled extension it switches off, and is stale if any extension moved', () => {
    const freeBefore = settings({ cspm: { pricingTier: 'Free', extensions: [] } });
    const target = planRestoreTarget(SUBSCRIPTION, after, desiredFromBefore(freeBefore));
    assert.deepEqual(target.changes, [
      { setting: 'defenderForApis', before: 'Standard (P2)', after: 'Free' },
      { setting: 'cspmPlan', before: 'Standard', after: 'Free' },
      { setting: 'apiPosture', before: 'On', after: 'Off' },
      { setting: 'cspmExtension', subject: 'AgentlessVmScanning', before: 'On ({"ExclusionTags":"[]"})', after: 'Off' },
      { setting: 'cspmExtension', subject: 'NewExtension', before: 'On', after: 'Off' },
    ]);
    assert.deepEqual(targetStaleReasons(target, after), []);
    const turnedOn = settings({ ...after, cspm: { ...after.cspm, extensions: [...after.cspm.extensions, { name: 'SensitiveDataDiscovery', isEnabled: true }] } });
    assert.deepEqual(targetStaleReasons(target, turnedOn), ['CSPM extension SensitiveDataDiscovery was Off when planned and is On now']);
  });

  it('a Standard restore is stale when an extension on its card moved, not when another one did', () => {
    const target = planRestoreTarget(SUBSCRIPTION, settings({ ...after, cspm: { ...after.cspm, extensions: [{ name: 'ApiPosture', isEnabled: true }] } }), desiredFromBefore(before));
    assert.deepEqual(target.changes.map((change) => change.subject ?? change.setting), ['defenderForApis', 'apiPosture', 'AgentlessVmScanning']);
    const otherMoved = settings({ ...after, cspm: { ...after.cspm, extensions: [{ name: 'ApiPosture', isEnabled: true }, { name: 'NewExtension', isEnabled: false }] } });
    assert.deepEqual(targetStaleReasons(target, otherMoved), []);
    const onCardMoved = settings({ ...after, cspm: { ...after.cspm, extensions: [{ name: 'ApiPosture', isEnabled: true }, { name: 'AgentlessVmScanning', isEnabled: true }] } });
    assert.deepEqual(targetStaleReasons(target, onCardMoved), ['CSPM extension AgentlessVmScanning was Off when planned and is On now']);
  });

  it('is stale when a planned extension moved, and the hash covers the kind and the desired state', () => {
    const target = planRestoreTarget(SUBSCRIPTION, after, desiredFromBefore(before));
    assert.deepEqual(targetStaleReasons(target, after), []);
    const moved = settings({ ...after, api: { pricingTier: 'Standard', subPlan: 'P5' } });
    assert.equal(targetStaleReasons(target, moved).length, 1);

    const otherDesired = planRestoreTarget(SUBSCRIPTION, after, { ...desiredFromBefore(before), cspm: { ...desiredFromBefore(before).cspm, extensions: [] } });
    assert.notEqual(planHash({ kind: 'restore', targets: [target] }), planHash({ kind: 'restore', targets: [otherDesired] }));
    const enable = planTarget(SUBSCRIPTION, after);
    const restoringTheSame = { ...planRestoreTarget(SUBSCRIPTION, after, desiredFromBefore(before)), changes: enable.changes };
    assert.notEqual(planHash({ kind: 'enable', targets: [enable] }), planHash({ kind: 'restore', targets: [restoringTheSame] }), 'the same lines on the card do not authorise another kind of write');
  });
});
