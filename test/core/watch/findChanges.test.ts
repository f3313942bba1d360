/** The watch's pure decisions: what changed between two scans, what counts as lost coverage, the severity filter, the digest. */
import assert from 'node:assert/strict';
import type { DefenderSettings, FleetRow } from '../../../src/core/defender';
import type { ApiManagementInventory, FleetApiAlerts, ServiceApis } from '../../../src/core/fleet';
import type { ApiAlert } from '../../../src/core/monitoring';
import { coverageDrops, findChanges } from '../../../src/core/watch/findChanges';
import { DIGEST_THRESHOLD, findingIdOf, mayRespondToAlerts, meetsMinSeverity, planDelivery, type CoverageState } from '../../../src/core/watch/findings';
import { observe, type WatchReads, type WatchSnapshot } from '../../../src/core/watch/snapshot';

const SUB = '11111111-2222-4333-8444-555555555555';
const NOW = new Date('2025-06-01T12:00:00Z');

function settings(api: DefenderSettings['api'], cspmTier: 'Free' | 'Standard' = 'Standard', posture = true): DefenderSettings {
  return { subscriptionId: SUB, api, cspm: { pricingTier: cspmTier, extensions: [{ name: 'ApiPosture', isEnabled: posture }, { name: 'AgentlessVmScanning', isEnabled: true }] } };
}
const COVERED = settings({ pricingTier: 'Standard', subPlan: 'P3' });
const covered = (subPlan = 'P3'): CoverageState => ({ subscriptionName: 'Contoso Dev', apiTier: 'Standard', apiSubPlan: subPlan, cspmTier: 'Standard', apiPosture: true });

function alert(name: string, overrides: Partial<ApiAlert> = {}): ApiAlert {
  return {
    subscriptionId: SUB,
    ref: { location: 'westeurope', name, resourceGroup: 'rg-dev' },
    alertType: 'API_SpikeInAPITraffic',
    displayName: 'Suspicious spike in API traffic',
    severity: 'Medium',
    status: 'Active',
    timeGenerated: new Date(NOW.getTime() - 3600_000).toISOString(),
    remediationSteps: [],
    ...overrides,
  };
}

interface ScanParts {
  row?: Partial<FleetRow>;
  apis?: Array<{ name: string; onboarded?: boolean }> | 'unreadable';
  alerts?: ApiAlert[] | 'unreadable';
}

function reads(parts: ScanParts = {}): WatchReads {
  const row: FleetRow = { subscription: { subscriptionId: SUB, displayName: 'Contoso Dev' }, settings: COVERED, ...parts.row };
  const apis = parts.apis ?? [{ name: 'echo-api', onboarded: true }];
  const inventory: ApiManagementInventory = {
    source: 'resource-graph',
    services: [{ subscriptionId: SUB, resourceGroup: 'rg-dev', name: 'dev-apim', sku: 'Basic', skuSupported: true, onboardedApis: apis === 'unreadable' ? [] : apis.filter((api) => api.onboarded).map((api) => api.name) }],
  };
  const service = { subscriptionId: SUB, resourceGroup: 'rg-dev', name: 'dev-apim' };
  const serviceApis: ServiceApis[] =
    apis === 'unreadable' ? [{ service, error: { code: 'ArmUnavailable', message: 'down' } }] : [{ service, apis: apis.map((api) => ({ name: api.name, displayName: api.name.toUpperCase() })) }];
  const alerts: FleetApiAlerts | undefined = parts.alerts === 'unreadable' ? undefined : { alerts: parts.alerts ?? [], unreadable: [], source: 'resource-graph' };
  return { fleet: { rows: [row], source: 'resource-graph' }, inventory, serviceApis, ...(alerts ? { alerts } : {}) };
}

function scanPair(before: ScanParts, after: ScanParts, minSeverity: 'High' | 'Medium' | 'Low' = 'Medium') {
  const first = observe(reads(before), undefined, { scanId: 'scan-1', now: NOW });
  const second = observe(reads(after), first.snapshot, { scanId: 'scan-2', now: NOW });
  return { findings: findChanges(first.snapshot, second, { minSeverity }), first: first.snapshot, second: second.snapshot };
}

describe('watch: coverage lost', () => {
  it('names each setting that went down on a covered subscription, before → after', () => {
    assert.deepEqual(coverageDrops(covered(), { ...covered(), apiTier: 'Free', apiSubPlan: undefined }).map((drop) => [drop.setting, drop.before, drop.after]), [['defenderForApis', 'Standard (P3)', 'Free']]);
    assert.deepEqual(coverageDrops(covered('P3'), covered('P1')).map((drop) => [drop.before, drop.after]), [['Standard (P3)', 'Standard (P1)']]);
    assert.deepEqual(coverageDrops(covered(), { ...covered(), cspmTier: 'Free', apiPosture: false }).map((drop) => drop.setting), ['cspmPlan', 'apiPosture']);
    assert.deepEqual(coverageDrops(covered(), { ...covered(), apiPosture: false }).map((drop) => drop.setting), ['apiPosture']);
  });

  it('is not a loss to go to a higher subplan, nor for a subscription that was not covered', () => {
    assert.deepEqual(coverageDrops(covered('P1'), covered('P4')), []);
    assert.deepEqual(coverageDrops({ ...covered(), apiPosture: false }, { ...covered(), apiTier: 'Free' }), []);
  });

  it('reports a loss once per scan it was measured against, and nothing for a subscription it could not read', () => {
    const lost = scanPair({}, { row: { settings: settings({ pricingTier: 'Free' }) } }).findings;
    assert.equal(lost.length, 1);
    assert.equal(lost[0].kind, 'coverage-lost');
    assert.equal(lost[0].key, `coverage-lost/${SUB}/scan-1`);
    const unreadable = scanPair({}, { row: { settings: undefined, error: { code: 'Throttled', message: 'slow down' } } });
    assert.deepEqual(unreadable.findings, []);
    assert.deepEqual(unreadable.second.coverage[SUB], unreadable.first.coverage[SUB], 'the last known coverage is kept');
  });
});

describe('watch: new APIs', () => {
  it('reports an API that appeared on a covered subscription and is not onboarded; not one that is onboarded', () => {
    const { findings } = scanPair({}, { apis: [{ name: 'echo-api', onboarded: true }, { name: 'admin' }, { name: 'orders', onboarded: true }] });
    assert.deepEqual(findings.map((finding) => (finding.kind === 'new-api' ? finding.api.apiId : finding.kind)), ['admin']);
    assert.equal(findings[0].key, `new-api/${SUB}/rg-dev/dev-apim/admin`);
  });

  it('takes a newly covered subscription\'s APIs as its baseline, and carries the list over when it cannot be read', () => {
    const newlyCovered = scanPair({ row: { settings: settings({ pricingTier: 'Free' }) }, apis: [] }, { apis: [{ name: 'admin' }] });
    assert.deepEqual(newlyCovered.findings, []);
    assert.deepEqual(newlyCovered.second.apis[SUB], [`${SUB}/rg-dev/dev-apim/admin`]);
    const unreadable = scanPair({}, { apis: 'unreadable' });
    assert.deepEqual(unreadable.findings, []);
    assert.deepEqual(unreadable.second.apis[SUB], unreadable.first.apis[SUB]);
  });
});

describe('watch: new alerts', () => {
  it('reports an open API alert not seen before, at or above the minimum severity', () => {
    const { findings } = scanPair({ alerts: [alert('old')] }, { alerts: [alert('old'), alert('new-medium'), alert('new-low', { severity: 'Low' }), alert('new-high', { severity: 'High' })] });
    assert.deepEqual(findings.map((finding) => (finding.kind === 'new-alert' ? finding.alert.ref.name : finding.kind)), ['new-medium', 'new-high']);
    assert.equal(scanPair({}, { alerts: [alert('low', { severity: 'Low' })] }, 'Low').findings.length, 1);
  });

  it('never reports a VM_ alert, a closed alert or one older than 7 days', () => {
    const old = new Date(NOW.getTime() - 8 * 24 * 3600_000).toISOString();
    const { findings, second } = scanPair({}, {
      alerts: [alert('vm', { alertType: 'VM_EICAR', severity: 'High' }), alert('resolved', { status: 'Resolved' }), alert('stale', { timeGenerated: old })],
    });
    assert.deepEqual(findings, []);
    assert.deepEqual(second.alerts[SUB], []);
  });

  it('compares nothing when the alerts could not be read: the last known ones are kept', () => {
    const { findings, first, second } = scanPair({ alerts: [alert('a')] }, { alerts: 'unreadable' });
    assert.deepEqual(findings, []);
    assert.deepEqual(second.alerts, first.alerts);
  });
});

describe('watch: posting rules', () => {
  it('posts a card each up to the threshold, then one digest', () => {
    const many = Array.from({ length: DIGEST_THRESHOLD + 1 }, (_, index) => index);
    assert.equal(planDelivery(many.slice(0, DIGEST_THRESHOLD)).kind, 'cards');
    assert.equal(planDelivery(many).kind, 'digest');
  });

  it('compares severities by rank, an unknown one below Informational', () => {
    assert.ok(meetsMinSeverity('High', 'Medium'));
    assert.ok(meetsMinSeverity('Medium', 'Medium'));
    assert.ok(!meetsMinSeverity('Low', 'Medium'));
    assert.ok(!meetsMinSeverity('Catastrophic', 'Informational'));
  });

  it('gives a finding a stable 40-hex id, and lets approvers and responders act on alerts', () => {
    assert.match(findingIdOf('alert/x'), /^[0-9a-f]{40}$/);
    assert.equal(findingIdOf('alert/x'), findingIdOf('alert/x'));
    const who = { approvers: ['aa'], responders: ['bb'] };
    assert.ok(mayRespondToAlerts('AA', who) && mayRespondToAlerts('bb', who));
    assert.ok(!mayRespondToAlerts('cc', who));
  });
});

describe('watch: snapshot', () => {
  it('records coverage, API keys of covered subscriptions and open alert keys, lower-cased', () => {
    const { first }: { first: WatchSnapshot } = scanPair({ alerts: [alert('A1')] }, {});
    assert.deepEqual(first.coverage[SUB], covered());
    assert.deepEqual(first.apis[SUB], [`${SUB}/rg-dev/dev-apim/echo-api`]);
    assert.deepEqual(first.alerts[SUB], [`${SUB}/rg-dev/westeurope/a1`]);
  });
});
