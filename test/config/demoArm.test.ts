import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { startArmSimulator } from '../../src/azure/simulator';
import { systemClock } from '../../src/core/ports';
import { connectArm } from '../../src/wiring/connectArm';

function variableRefused(env: Record<string, string>): string {
  try {
    loadConfig({ DEFENDER_MODE: 'demo', ...env }, '/tmp');
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.variable;
  }
  assert.fail('expected a ConfigError');
}

describe('demo mode on a shared, standalone ARM simulator', () => {
  it('starts its own simulator unless DEFENDER_ARM_ENDPOINT is set', () => {
    assert.equal(loadConfig({ DEFENDER_MODE: 'demo' }, '/tmp').arm.kind, 'simulator');
    assert.deepEqual(loadConfig({ DEFENDER_MODE: 'demo', DEFENDER_ARM_ENDPOINT: 'https://127.0.0.1:9443/', DEFENDER_ARM_CA_FILE: '/tmp/ca.pem' }, '/tmp').arm, {
      kind: 'external-simulator',
      endpoint: 'https://127.0.0.1:9443',
      caFile: '/tmp/ca.pem',
    });
  });

  it('needs the CA file with the endpoint, https, and no CA file alone', () => {
    assert.equal(variableRefused({ DEFENDER_ARM_ENDPOINT: 'https://127.0.0.1:9443' }), 'DEFENDER_ARM_CA_FILE');
    assert.equal(variableRefused({ DEFENDER_ARM_ENDPOINT: 'http://127.0.0.1:9443', DEFENDER_ARM_CA_FILE: '/tmp/ca.pem' }), 'DEFENDER_ARM_ENDPOINT');
    assert.equal(variableRefused({ DEFENDER_ARM_CA_FILE: '/tmp/ca.pem' }), 'DEFENDER_ARM_CA_FILE');
  });

  it('talks to the standalone simulator and leaves it running on close', async () => {
    const simulator = await startArmSimulator({ port: 0 });
    const folder = mkdtempSync(path.join(os.tmpdir(), 'shared-arm-'));
    try {
      const caFile = path.join(folder, 'ca.pem');
      writeFileSync(caFile, simulator.caCertificate);
      const config = loadConfig({ DEFENDER_MODE: 'demo', DEFENDER_ARM_ENDPOINT: simulator.url, DEFENDER_ARM_CA_FILE: caFile }, '/tmp');
      const arm = await connectArm(config, { clock: systemClock });
      await arm.gateway.ping();
      assert.equal(arm.simulator, undefined);
      assert.match(arm.description, /shared ARM simulator/);
      await arm.close();
      assert.ok(simulator.requests().length > 0, 'the request reached the shared simulator');
    } finally {
      await simulator.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says which file it could not read', async () => {
    const config = loadConfig({ DEFENDER_MODE: 'demo', DEFENDER_ARM_ENDPOINT: 'https://127.0.0.1:9443', DEFENDER_ARM_CA_FILE: '/nonexistent/ca.pem' }, '/tmp');
    await assert.rejects(connectArm(config, { clock: systemClock }), /^Error: DEFENDER_ARM_CA_FILE: cannot read \/nonexistent\/ca.pem \(ENOENT\)/);
  });
});
