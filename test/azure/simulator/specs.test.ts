import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SpecValidator, specValidator } from '../../../src/azure/simulator/spec/specValidator';
import { VENDORED_SPECS_ROOT } from '../../../src/azure/simulator/spec/specFiles';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const sharedSpecs = path.resolve(repoRoot, '..', 'shared', 'azure-specs');
const examples = path.join(VENDORED_SPECS_ROOT, 'specification/security/resource-manager/Microsoft.Security/stable/2024-01-01/examples/Pricings');

function listFiles(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

describe('ARM simulator: vendored specs', () => {
  it('are byte-identical to ../shared/azure-specs when that copy exists', function () {
    if (!fs.existsSync(sharedSpecs)) this.skip();
    const vendored = listFiles(VENDORED_SPECS_ROOT);
    assert.deepEqual(vendored, listFiles(sharedSpecs));
    for (const file of vendored) {
      assert.ok(fs.readFileSync(path.join(VENDORED_SPECS_ROOT, file)).equals(fs.readFileSync(path.join(sharedSpecs, file))), `${file} differs`);
    }
  });

  it("accept the spec's own subscription-scope pricing examples (so the Swagger → JSON Schema mapping is sound)", () => {
    const validator = specValidator();
    for (const file of ['GetPricingByNameCloudPosture_example.json', 'GetPricingByNameVirtualMachines_example.json', 'PutPricingByNamePartialSuccess_example.json', 'PutPricingByName_example.json']) {
      const example = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
      assert.deepEqual(validator.validateResponse('Pricing', example.responses['200'].body), { valid: true }, file);
      if (example.parameters.pricing) assert.deepEqual(validator.validateRequest('Pricing', example.parameters.pricing), { valid: true }, `${file} request`);
    }
    for (const file of ['ListPricings_example.json', 'ListPricingsWithPlanFilter_example.json']) {
      const example = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
      assert.deepEqual(validator.validateResponse('PricingList', example.responses['200'].body), { valid: true }, file);
    }
  });

  it("accept the spec's own alert examples, except where they break alerts.json itself (entity and evidence values that are not objects)", () => {
    const validator = specValidator();
    const alertExamples = path.join(VENDORED_SPECS_ROOT, 'specification/security/resource-manager/Microsoft.Security/stable/2022-01-01/examples/Alerts');
    const list = JSON.parse(fs.readFileSync(path.join(alertExamples, 'GetAlertsSubscription_example.json'), 'utf8')).responses['200'].body;
    // AlertEntity and supportingEvidence say `additionalProperties: { type: object }`, yet the examples put strings there.
    assert.deepEqual(validator.validateResponse('AlertList', list), { valid: false, field: 'value[0].properties.entities[0].address', message: 'must be object' });
    for (const alert of list.value) {
      delete alert.properties.entities;
      delete alert.properties.supportingEvidence;
    }
    assert.deepEqual(validator.validateResponse('AlertList', list), { valid: true });
    const one = JSON.parse(fs.readFileSync(path.join(alertExamples, 'GetAlertSubscriptionLocation_example.json'), 'utf8')).responses['200'].body;
    delete one.properties.entities;
    delete one.properties.supportingEvidence;
    assert.deepEqual(validator.validateResponse('Alert', one), { valid: true });
  });

  it('a validator can fail: a wrong enablementTime format and a missing pricingTier are caught', () => {
    const validator = new SpecValidator();
    const bad = validator.validateResponse('Pricing', { properties: { pricingTier: 'Standard', enablementTime: 'yesterday' } });
    assert.deepEqual(bad, { valid: false, field: 'properties.enablementTime', message: 'must match format "date-time"' });
    assert.deepEqual(validator.validateRequest('Pricing', { properties: {} }), { valid: false, field: 'properties.pricingTier', message: 'is required' });
  });
});
