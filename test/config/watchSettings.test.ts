/** DEFENDER_WATCH_INTERVAL, DEFENDER_WATCH_MIN_SEVERITY and DEFENDER_RESPONDERS: defaults, `off`, and one-line refusals. */
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { configError as refusal } from '../support/configError';

const RESPONDER = '33333333-3333-4333-8333-333333333333';
const PRODUCTION = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: '22222222-2222-4222-8222-222222222222', DEFENDER_APPROVERS: '11111111-1111-4111-8111-111111111111', DEFENDER_ALLOWED_TENANTS: '22222222-2222-4222-8222-222222222222' };

describe('watch settings', () => {
  it('defaults to a scan every 15 minutes (30 s in demo mode), Medium and above, no responders', () => {
    assert.deepEqual(loadConfig(PRODUCTION, '/tmp').watch, { intervalMs: 15 * 60_000, minSeverity: 'Medium', responders: [] });
    assert.equal(loadConfig({}, '/tmp').watch.intervalMs, 30_000);
  });

  it('reads an interval, `off`, a severity in any case and responders (trimmed, lower-cased, once each)', () => {
    const config = loadConfig({ ...PRODUCTION, DEFENDER_WATCH_INTERVAL: 'PT10S', DEFENDER_WATCH_MIN_SEVERITY: 'high', DEFENDER_RESPONDERS: ` ${RESPONDER.toUpperCase()}, ${RESPONDER}` }, '/tmp');
    assert.deepEqual(config.watch, { intervalMs: 10_000, minSeverity: 'High', responders: [RESPONDER] });
    assert.equal(loadConfig({ DEFENDER_WATCH_INTERVAL: 'OFF' }, '/tmp').watch.intervalMs, undefined);
  });

  it('refuses an interval under PT10S or not ISO 8601, an unknown severity and a responder that is no object id, each in one line', () => {
    for (const interval of ['PT9S', '15m', 'P1M', 'P2D']) {
      const error = refusal({ DEFENDER_WATCH_INTERVAL: interval });
      assert.equal(error.variable, 'DEFENDER_WATCH_INTERVAL');
      assert.match(error.message, /^DEFENDER_WATCH_INTERVAL: ".*" is not an ISO 8601 duration from PT10S to P1D, nor "off"\. Use e\.g\. PT15M/);
    }
    assert.match(refusal({ DEFENDER_WATCH_MIN_SEVERITY: 'Critical' }).message, /^DEFENDER_WATCH_MIN_SEVERITY: "Critical" is not an alert severity\. Use one of High, Medium, Low, Informational/);
    assert.match(refusal({ DEFENDER_RESPONDERS: 'sam@contoso.com' }).message, /^DEFENDER_RESPONDERS: "sam@contoso.com" is not an Entra object id/);
    for (const error of [refusal({ DEFENDER_WATCH_INTERVAL: 'x' }), refusal({ DEFENDER_RESPONDERS: 'x' })]) assert.doesNotMatch(error.message, /\n/);
  });
});
