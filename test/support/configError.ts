/** The ConfigError loadConfig throws for an environment, or a failed assertion if it starts. */
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

export function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/tmp');
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
    return error;
  }
  assert.fail('expected the configuration to be refused');
}
