import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { parseIsoDurationMs } from '../../src/config/duration';
import { configError } from '../support/configError';

const APPROVER = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';

describe('loadConfig', () => {
  it('defaults to demo mode on loopback with the built-in simulator when no bot credentials are set', () => {
    const config = loadConfig({}, '/srv/bot');
    assert.equal(config.mode, 'demo');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3978);
    assert.equal(config.dataDir, '/srv/bot/.data');
    assert.deepEqual(config.botCredentials, { kind: 'anonymous' });
    assert.equal(config.arm.kind, 'simulator');
    assert.equal(config.approvals.requestTtlMs, 24 * 3600 * 1000);
    assert.equal(config.approvals.minApprovals, 1);
    assert.ok(config.approvals.approvers.length >= 1, 'demo mode has demo approvers');
  });

  it('chooses production when an app id is configured, and requires its secret', () => {
    const error = configError({ MicrosoftAppId: 'app', MicrosoftAppType: 'SingleTenant' });
    assert.equal(error.variable, 'MicrosoftAppPassword');
    assert.match(error.message, /MicrosoftAppPassword.*without its secret/);
  });

  it('starts production with credentials, approvers and allowed tenants, against real ARM', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'x', MicrosoftAppType: 'MultiTenant', DEFENDER_APPROVERS: APPROVER.toUpperCase(), DEFENDER_ALLOWED_TENANTS: TENANT }, '/tmp');
    assert.equal(config.mode, 'production');
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.arm, { kind: 'azure', endpoint: 'https://management.azure.com' });
    assert.deepEqual(config.approvals.approvers, [APPROVER]);
  });

  it('refuses production without bot credentials, whatever else is set', () => {
    assert.equal(configError({ DEFENDER_MODE: 'production', DEFENDER_APPROVERS: APPROVER, DEFENDER_ALLOWED_TENANTS: TENANT }).variable, 'MicrosoftAppId');
  });

  it('refuses production without approvers or allowed tenants', () => {
    const credentials = { MicrosoftAppId: 'a', MicrosoftAppPassword: 'b', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT };
    assert.equal(configError({ ...credentials, DEFENDER_ALLOWED_TENANTS: TENANT }).variable, 'DEFENDER_APPROVERS');
    assert.equal(configError({ ...credentials, DEFENDER_APPROVERS: APPROVER }).variable, 'DEFENDER_ALLOWED_TENANTS');
  });

  it('names the variable and the fix for bad values', () => {
    assert.match(configError({ PORT: 'abc' }).message, /^PORT: "abc" is not a whole number/);
    assert.equal(configError({ DEFENDER_REQUEST_TTL: '24h' }).variable, 'DEFENDER_REQUEST_TTL');
    assert.equal(configError({ DEFENDER_APPROVERS: 'alice@contoso.com' }).variable, 'DEFENDER_APPROVERS');
    assert.equal(configError({ DEFENDER_MODE: 'staging' }).variable, 'DEFENDER_MODE');
    assert.equal(configError({ DEFENDER_MIN_APPROVALS: '3', DEFENDER_APPROVERS: APPROVER }).variable, 'DEFENDER_MIN_APPROVALS');
    assert.equal(configError({ MicrosoftAppId: 'a', MicrosoftAppType: 'UserAssignedMSI', DEFENDER_APPROVERS: APPROVER, DEFENDER_ALLOWED_TENANTS: TENANT }).variable, 'MicrosoftAppTenantId');
  });
});

describe('loadConfig: the approval policy', () => {
  const SECOND = '33333333-3333-4333-8333-333333333333';

  it('refuses, in one line naming both variables, approvers that are fewer than the quorum once duplicates count once', () => {
    for (const approvers of [`${APPROVER},${APPROVER}`, `${APPROVER}, ${APPROVER.toUpperCase()}`]) {
      const error = configError({ DEFENDER_APPROVERS: approvers, DEFENDER_MIN_APPROVALS: '2' });
      assert.equal(error.variable, 'DEFENDER_MIN_APPROVALS');
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, /DEFENDER_MIN_APPROVALS: 2 approvals can never be reached: DEFENDER_APPROVERS lists 1 distinct approver/);
    }
  });

  it('trims, lower-cases and de-duplicates object ids, and names the list that holds one that is not a GUID', () => {
    const config = loadConfig({ DEFENDER_APPROVERS: ` ${APPROVER.toUpperCase()} , ${SECOND},${APPROVER}`, DEFENDER_MIN_APPROVALS: '2' }, '/tmp');
    assert.deepEqual(config.approvals.approvers, [APPROVER, SECOND]);
    assert.equal(config.approvals.minApprovals, 2);
    assert.equal(configError({ DEFENDER_REQUESTERS: 'riley@contoso.com' }).variable, 'DEFENDER_REQUESTERS');
    assert.match(configError({ DEFENDER_APPROVERS: `${APPROVER},not-a-guid` }).message, /^DEFENDER_APPROVERS: "not-a-guid" is not an Entra object id/);
  });
});

describe('loadConfig: bounds on writing to Azure', () => {
  it('defaults to a 10-minute apply and a 2-minute ARM call, and refuses what is not a duration in range', () => {
    assert.deepEqual(loadConfig({}, '/tmp').timing, { applyTimeoutMs: 600_000, armCallTimeoutMs: 120_000 });
    assert.deepEqual(loadConfig({ DEFENDER_APPLY_TIMEOUT: 'PT4S', DEFENDER_ARM_CALL_TIMEOUT: 'PT3S' }, '/tmp').timing, { applyTimeoutMs: 4000, armCallTimeoutMs: 3000 });
    assert.match(configError({ DEFENDER_APPLY_TIMEOUT: '10m' }).message, /^DEFENDER_APPLY_TIMEOUT: "10m" is not an ISO 8601 duration from 1 second to 1 hour/);
    assert.equal(configError({ DEFENDER_ARM_CALL_TIMEOUT: 'PT11M' }).variable, 'DEFENDER_ARM_CALL_TIMEOUT');
  });
});

describe('parseIsoDurationMs', () => {
  it('reads the durations DEFENDER_REQUEST_TTL allows', () => {
    assert.equal(parseIsoDurationMs('PT24H'), 86_400_000);
    assert.equal(parseIsoDurationMs('P1DT30M'), 86_400_000 + 1_800_000);
    assert.equal(parseIsoDurationMs('PT90S'), 90_000);
    assert.equal(parseIsoDurationMs('P1W'), 604_800_000);
  });

  it('refuses what is not a duration, and months and years', () => {
    for (const bad of ['P', 'PT', '24h', 'P1M', 'P1Y', '']) assert.equal(parseIsoDurationMs(bad), undefined, bad);
  });
});
