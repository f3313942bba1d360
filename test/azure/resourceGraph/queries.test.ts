/** Each Resource Graph query, built in src/azure/resourceGraph/queries.ts, against the simulator through the real pipeline. */
import assert from 'node:assert/strict';
import type { ArmTransport } from '../../../src/azure/armTransport';
import { readDefenderSettings } from '../../../src/azure/settingsReader';
import {
  API_COLLECTIONS_QUERY,
  API_MANAGEMENT_SERVICES_QUERY,
  DEFENDER_SETTINGS_QUERY,
  SUBSCRIPTIONS_QUERY,
  subscriptionSearchQuery,
  toApiManagementInventory,
  toDefenderSettingsFromRow,
  toSubscriptionFromRow,
} from '../../../src/azure/resourceGraph/queries';
import type { ResourceGraphClient } from '../../../src/azure/resourceGraph/resourceGraphClient';
import { generateFleetSeed, type ArmSimulator } from '../../../src/azure/simulator';
import { startGraph } from './graphHarness';
import { CUSTOMISED_EXTENSIONS, SUB_PROD, SUB_PROD_EU, SUB_UNREGISTERED, graphQueries, testSeed } from '../simulatorHarness';

describe('Resource Graph queries (real SDK pipeline against the simulator)', () => {
  let simulator: ArmSimulator;
  let transport: ArmTransport;
  let graph: ResourceGraphClient;
  beforeEach(async () => ({ simulator, transport, graph } = await startGraph(testSeed())));
  afterEach(async () => {
    assert.deepEqual(simulator.violations(), []);
    await simulator.close();
  });

  it('subscriptions, from resourcecontainers: every visible one with its name and state', async () => {
    const subscriptions = (await graph.query(SUBSCRIPTIONS_QUERY)).map(toSubscriptionFromRow);
    const expected = simulator.state.listSubscriptions().map(({ subscriptionId, displayName, state }) => ({ subscriptionId, displayName, state }));
    assert.deepEqual(subscriptions, expected.sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId)));
  });

  it('a subscription search, from resourcecontainers: every name containing the needle in any case, or the id; unsafe needles are never built', async () => {
    const names = async (needle: string) => (await graph.query(subscriptionSearchQuery(needle)!)).map((row) => toSubscriptionFromRow(row).displayName).sort();
    assert.deepEqual(await names('PRODUCTION'), ['Contoso Production', 'Contoso Production EU']);
    assert.deepEqual(await names(` ${SUB_UNREGISTERED.toUpperCase()} `), simulator.state.listSubscriptions().filter((s) => s.subscriptionId === SUB_UNREGISTERED).map((s) => s.displayName));
    assert.deepEqual(await names('woodgrove'), []);
    for (const unsafe of ["o'brien", 'a\\b', 'line\nbreak', '', 'ü'.repeat(3), 'x'.repeat(129)]) assert.equal(subscriptionSearchQuery(unsafe), undefined, JSON.stringify(unsafe));
  });

  it('Defender settings, from the subscriptions joined leftouter with their Api and CloudPosture pricings: the same as ARM reads them', async () => {
    await transport.send({ method: 'PUT', path: `/subscriptions/${SUB_PROD_EU}/providers/Microsoft.Security/pricings/Api`, query: { 'api-version': '2024-01-01' }, body: { properties: { pricingTier: 'Standard', subPlan: 'P4' } }, purpose: 'set up the test' });
    const rows = await graph.query(DEFENDER_SETTINGS_QUERY);
    assert.equal(rows.length, 5, 'one row per subscription, with or without pricing rows');
    for (const row of rows) {
      const fromGraph = toDefenderSettingsFromRow(row);
      if (row.subscriptionId === SUB_UNREGISTERED) {
        assert.deepEqual(fromGraph, { subscriptionId: SUB_UNREGISTERED, api: { pricingTier: 'Free' }, cspm: { pricingTier: 'Free', extensions: [] } }, 'no pricing rows reads as Free');
        continue;
      }
      const fromArm = await readDefenderSettings(transport, row.subscriptionId);
      assert.deepEqual(fromGraph.cspm, fromArm.cspm, row.displayName);
      assert.deepEqual([fromGraph.api.pricingTier, fromGraph.api.subPlan], [fromArm.api.pricingTier, fromArm.api.subPlan], row.displayName);
    }
    const prod = toDefenderSettingsFromRow(rows.find((row) => row.subscriptionId === SUB_PROD)!);
    assert.deepEqual(prod.cspm.extensions.map(({ name, isEnabled, additionalExtensionProperties }) => ({ name, isEnabled: isEnabled ? 'True' : 'False', ...(additionalExtensionProperties ? { additionalExtensionProperties } : {}) })), CUSTOMISED_EXTENSIONS, 'extensions and their properties exactly');
    assert.deepEqual(toDefenderSettingsFromRow(rows.find((row) => row.subscriptionId === SUB_PROD_EU)!).api, { pricingTier: 'Standard', subPlan: 'P4' });
  });

  it('API Management services from resources, and the APIs onboarded to Defender for APIs from securityresources', async () => {
    await transport.sendForResponse({
      method: 'PUT',
      path: `/subscriptions/${SUB_PROD}/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/contoso-apim/providers/Microsoft.Security/apiCollections/orders`,
      query: { 'api-version': '2023-11-15' },
      purpose: 'onboard an API for the test',
    });
    const [services, collections] = await Promise.all([graph.query(API_MANAGEMENT_SERVICES_QUERY), graph.query(API_COLLECTIONS_QUERY)]);
    assert.deepEqual(collections.map(({ name, provisioningState }) => [name, provisioningState]), [['orders', 'InProgress']]);
    assert.deepEqual(toApiManagementInventory(services, collections).map((service) => service.onboardedApis), [[], []], 'an onboarding still in progress is not counted');
    // The onboarding's Location poll finishes it.
    await transport.send({ method: 'GET', path: `/subscriptions/${SUB_PROD}/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/contoso-apim/providers/Microsoft.Security/apiCollections/orders`, query: { 'api-version': '2023-11-15', $asyncScope: 'x' }, purpose: 'poll' });
    const inventory = toApiManagementInventory(await graph.query(API_MANAGEMENT_SERVICES_QUERY), await graph.query(API_COLLECTIONS_QUERY));
    assert.deepEqual(inventory, [
      { subscriptionId: SUB_PROD, resourceGroup: 'rg-apis', name: 'contoso-apim', sku: 'Developer', skuSupported: true, onboardedApis: ['orders'] },
      { subscriptionId: SUB_PROD, resourceGroup: 'rg-edge', name: 'contoso-consumption', sku: 'Consumption', skuSupported: false, onboardedApis: [] },
    ]);
  });
});

describe('Resource Graph paging', () => {
  it('follows $skipToken across 3 pages of 1,000 ($top 1000) and never stops on resultTruncated', async () => {
    const { simulator, graph } = await startGraph(generateFleetSeed(2500));
    try {
      const rows = await graph.query(SUBSCRIPTIONS_QUERY);
      assert.equal(new Set(rows.map((row) => row.subscriptionId)).size, 2500);
      const bodies = graphQueries(simulator).map((request) => request.body as { options: { $top: number; $skipToken?: string }; subscriptions?: string[] });
      assert.equal(bodies.length, 3);
      assert.ok(bodies.every((body) => body.options.$top === 1000 && body.subscriptions === undefined), 'tenant scope, 1,000 a page');
      assert.deepEqual(bodies.map((body) => body.options.$skipToken !== undefined), [false, true, true]);
    } finally {
      await simulator.close();
    }
  });
});
