/** What an ARM request path may look like: `/subscriptions`, or a GUID subscription and what ARM itself named under it. */
import type { ArmSimulator } from '../../../src/azure/simulator';

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const SAFE_ARM_PATH = new RegExp(`^/subscriptions(/${GUID}(/[A-Za-z0-9._()-]+)*)?$`);

/** Paths of the ARM requests made since `from` (an index into the simulator's request log) that break the shape. */
export function unsafeArmPaths(simulator: ArmSimulator, from: number): string[] {
  return simulator
    .requests()
    .slice(from)
    .map((request) => request.path)
    .filter((path) => !SAFE_ARM_PATH.test(path) || path.split('/').includes('..'));
}
