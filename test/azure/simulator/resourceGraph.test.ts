/** The simulator's Azure Resource Graph endpoint, over raw HTTPS: shapes, errors, paging, quota and faults. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { specValidator } from '../../../src/azure/simulator/spec/specValidator';
import { VENDORED_SPECS_ROOT } from '../../../src/azure/simulator/spec/specFiles';
import { pricingPath } from './armHttp';
import { useArmSimulator } from './armSimulatorFixture';

const GRAPH = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';
const SUBSCRIPTIONS = "resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | project id, subscriptionId, name | order by id asc";
const SETTINGS = `resourcecontainers
  | where type == 'microsoft.resources/subscriptions'
  | project id, subscriptionId
  | join kind=leftouter (securityresources | where type =~ 'Microsoft.Security/pricings' and name =~ 'api' | project subscriptionId, tier = tostring(properties.pricingTier), extensions = properties.extensions) on subscriptionId
  | project id, subscriptionId, tier, extensions
  | order by id asc`;
const examples = path.join(VENDORED_SPECS_ROOT, 'specification/resourcegraph/resource-manager/Microsoft.ResourceGraph/stable/2024-04-01/examples');

describe('ARM simulator: Azure Resource Graph', () => {
  const arm = useArmSimulator({ per: 'test', checkResponses: true });
  const query = (body: unknown) => arm.http.request('POST', GRAPH, { body });

  it('answers in its own shape and pages with $skipToken; resultTruncated is "false" on every page', async () => {
    const first = await query({ query: SUBSCRIPTIONS, options: { $top: 2 } });
    assert.equal(first.status, 200);
    assert.deepEqual([first.body.totalRecords, first.body.count, first.body.resultTruncated], [6, 2, 'false']);
    assert.deepEqual(Object.keys(first.body.data[0]), ['id', 'subscriptionId', 'name']);
    const ids = first.body.data.map((row: { id: string }) => row.id);
    let page = first;
    while (page.body.$skipToken) {
      page = await query({ query: SUBSCRIPTIONS, options: { $skipToken: page.body.$skipToken } });
      assert.equal(page.body.resultTruncated, 'false');
      ids.push(...page.body.data.map((row: { id: string }) => row.id));
    }
    assert.equal(ids.length, 6, 'three pages of two');
    assert.deepEqual(ids, [...ids].sort(), 'ordered by id');
    assert.equal(page.headers['x-ms-user-quota-remaining'], '12');
    assert.match(String(page.headers['x-ms-user-quota-resets-after']), /^00:00:0[1-5]$/);
  });

  it('a leftouter join keeps a subscription without pricing rows, with "" for strings and null for dynamic values', async () => {
    const answer = await query({ query: SETTINGS, options: { $top: 1000 } });
    assert.equal(answer.status, 200);
    const legacy = answer.body.data.find((row: { subscriptionId: string }) => row.subscriptionId === DEMO_SUBSCRIPTIONS.legacyBilling);
    assert.deepEqual(legacy, { id: `/subscriptions/${DEMO_SUBSCRIPTIONS.legacyBilling}`, subscriptionId: DEMO_SUBSCRIPTIONS.legacyBilling, tier: '', extensions: null });
    const dev = answer.body.data.find((row: { subscriptionId: string }) => row.subscriptionId === DEMO_SUBSCRIPTIONS.contosoDev);
    assert.equal(dev.tier, 'Standard');
  });

  it("answers any other query with Resource Graph's 400, saying what is wrong", async () => {
    const cases: Array<[string, RegExp]> = [
      ["resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | mv-expand properties | order by id asc", /ParserFailure: unexpected character '-'/],
      ["securityresources | where type =~ 'microsoft.security/pricing' | order by id asc", /'microsoft.security\/pricing' is not a type it indexes in securityresources/],
      ["resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | project id, subscriptionID | order by id asc", /Failed to resolve scalar expression named 'subscriptionID'/],
      [SETTINGS.replace('kind=leftouter', 'kind=inner'), /must stay \(kind=leftouter\)/],
      ["resources | where type =~ 'microsoft.apimanagement/service' | project id, name", /does not end with `order by id`/],
      ['resources | order by id asc', /does not start with a filter on type/],
    ];
    for (const [text, problem] of cases) {
      const answer = await query({ query: text });
      assert.equal(answer.status, 400, text);
      assert.equal(answer.body.error.code, 'BadRequest');
      assert.match(answer.body.error.message, /correlationId = /);
      assert.equal(answer.body.error.details[0].code, 'InvalidQuery');
      assert.match(answer.body.error.details[1].message, problem, text);
      assert.deepEqual(specValidator().validateResponse('ResourceGraphErrorResponse', answer.body), { valid: true });
    }
  });

  it('checks the request against the spec, refuses a skip token of another query, and needs api-version 2024-04-01', async () => {
    const tooMany = await query({ query: SUBSCRIPTIONS, options: { $top: 5000 } });
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.error.details[0].message, /options\.\$top must be <= 1000/);
    assert.match((await query({ options: {} })).body.error.details[0].message, /query is required/);
    const { body } = await query({ query: SUBSCRIPTIONS, options: { $top: 1 } });
    const foreign = await query({ query: SUBSCRIPTIONS.replace('name', 'name, tenantId'), options: { $skipToken: body.$skipToken } });
    assert.equal(foreign.status, 400);
    assert.match(foreign.body.error.details[0].message, /belongs to another query or scope/);
    const wrongVersion = await arm.http.request('POST', GRAPH.replace('2024-04-01', '2019-04-01'), { body: { query: SUBSCRIPTIONS } });
    assert.equal(wrongVersion.status, 400);
    assert.equal(wrongVersion.body.error.code, 'InvalidApiVersionParameter');
  });

  it('answers the 16th query within the 5 s window 429 with Retry-After, and serves again once the window resets', async () => {
    for (let index = 0; index < 15; index += 1) assert.equal((await query({ query: SUBSCRIPTIONS })).status, 200);
    const throttled = await query({ query: SUBSCRIPTIONS });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.body.error.code, 'RateLimiting');
    assert.equal(throttled.headers['x-ms-user-quota-remaining'], '0');
    assert.ok(Number(throttled.headers['retry-after']) >= 1 && Number(throttled.headers['retry-after']) <= 5, String(throttled.headers['retry-after']));
    arm.simulator.setFaults({ graphQuotaWindowMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal((await query({ query: SUBSCRIPTIONS })).status, 200);
  });

  it('graphUnavailable answers 503; graphLagMs shows a write only after the lag', async () => {
    arm.simulator.setFaults({ graphUnavailable: true });
    const unavailable = await query({ query: SUBSCRIPTIONS });
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.body.error.code, 'ServiceUnavailable');
    arm.simulator.setFaults({ graphUnavailable: false, graphLagMs: 300 });
    const tierOfProd = async () => (await query({ query: SETTINGS, options: { $top: 1000 } })).body.data.find((row: { subscriptionId: string }) => row.subscriptionId === DEMO_SUBSCRIPTIONS.contosoProd).tier;
    assert.equal(await tierOfProd(), 'Free');
    const put = await arm.http.request('PUT', pricingPath(DEMO_SUBSCRIPTIONS.contosoProd, 'Api'), { body: { properties: { pricingTier: 'Standard', subPlan: 'P1' } } });
    assert.equal(put.status, 200);
    assert.equal(await tierOfProd(), 'Free', 'Resource Graph has not seen the write yet');
    await new Promise((resolve) => setTimeout(resolve, 320));
    assert.equal(await tierOfProd(), 'Standard');
    assert.deepEqual(arm.simulator.writes().map((write) => write.method), ['PUT'], 'queries are not writes');
  });

  it('covers at most graphTenantSubscriptionLimit subscriptions at tenant scope and says so; a scoped query gets exactly its subscriptions', async () => {
    arm.simulator.setFaults({ graphTenantSubscriptionLimit: 2 });
    const tenant = await query({ query: SUBSCRIPTIONS });
    assert.equal(tenant.body.count, 2);
    assert.equal(tenant.headers['x-ms-tenant-subscription-limit-hit'], 'true');
    const scoped = await query({ query: SUBSCRIPTIONS, subscriptions: [DEMO_SUBSCRIPTIONS.contosoProd, DEMO_SUBSCRIPTIONS.woodgrovePayments, DEMO_SUBSCRIPTIONS.contosoDev] });
    assert.deepEqual(scoped.body.data.map((row: { subscriptionId: string }) => row.subscriptionId).sort(), [DEMO_SUBSCRIPTIONS.contosoProd, DEMO_SUBSCRIPTIONS.woodgrovePayments, DEMO_SUBSCRIPTIONS.contosoDev].sort());
    assert.equal(scoped.headers['x-ms-tenant-subscription-limit-hit'], undefined);
  });

  it("accepts the spec's own paging examples (so the QueryResponse.data patch is sound)", () => {
    for (const file of ['ResourcesFirstPageQuery.json', 'ResourcesNextPageQuery.json', 'ResourcesFilterQuery.json']) {
      const example = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
      assert.deepEqual(specValidator().validateRequest('ResourceGraphQueryRequest', example.parameters.query), { valid: true }, file);
      assert.deepEqual(specValidator().validateResponse('ResourceGraphQueryResponse', example.responses['200'].body), { valid: true }, file);
    }
  });
});
