import assert from 'node:assert/strict';
import { cloudPosturePricingUpdate, toDefenderSettings } from '../../../src/azure/models/pricing';

describe('pricing wire models (2024-01-01)', () => {
  it('reads "True"/"False" strings as booleans and keeps ARM extras', () => {
    const settings = toDefenderSettings('sub', {
      value: [
        { name: 'Api', properties: { pricingTier: 'Standard', subPlan: 'P2', enablementTime: '2024-01-01T00:00:00Z', freeTrialRemainingTime: 'PT0S' } },
        {
          name: 'CloudPosture',
          properties: {
            pricingTier: 'Standard',
            extensions: [
              { name: 'ApiPosture', isEnabled: 'False', operationStatus: { code: 'Failed', message: 'no' } },
              { name: 'AgentlessVmScanning', isEnabled: 'True', additionalExtensionProperties: { ExclusionTags: '[]' } },
            ],
          },
        },
      ],
    });
    assert.deepEqual(settings.api, { pricingTier: 'Standard', subPlan: 'P2', enablementTime: '2024-01-01T00:00:00Z', freeTrialRemainingTime: 'PT0S' });
    assert.deepEqual(settings.cspm.extensions, [
      { name: 'ApiPosture', isEnabled: false, operationStatus: { code: 'Failed', message: 'no' } },
      { name: 'AgentlessVmScanning', isEnabled: true, additionalExtensionProperties: { ExclusionTags: '[]' } },
    ]);
  });

  it('reads a missing pricing as Free', () => {
    const settings = toDefenderSettings('sub', { value: [] });
    assert.deepEqual(settings.api, { pricingTier: 'Free' });
    assert.deepEqual(settings.cspm, { pricingTier: 'Free', extensions: [] });
  });

  it('writes booleans back as "True"/"False" and never sends operationStatus', () => {
    const body = cloudPosturePricingUpdate([
      { name: 'ApiPosture', isEnabled: true },
      { name: 'SensitiveDataDiscovery', isEnabled: false, additionalExtensionProperties: { x: 1 } },
      { name: 'Echo', isEnabled: true, operationStatus: { code: 'Succeeded' } } as never,
    ]);
    assert.deepEqual(body, {
      properties: {
        pricingTier: 'Standard',
        extensions: [
          { name: 'ApiPosture', isEnabled: 'True' },
          { name: 'SensitiveDataDiscovery', isEnabled: 'False', additionalExtensionProperties: { x: 1 } },
          { name: 'Echo', isEnabled: 'True' },
        ],
      },
    });
  });
});
