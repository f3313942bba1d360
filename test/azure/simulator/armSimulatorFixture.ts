/**
 * The ARM simulator on a free port with a raw HTTPS client to it, as the simulator tests use it: for a describe block
 * (useArmSimulator) or for one step of a test (withArmSimulator). Closed whatever the test did.
 */
import assert from 'node:assert/strict';
import { startArmSimulator, type ArmSimulator, type StartArmSimulatorOptions } from '../../../src/azure/simulator';
import { armClient, type ArmClient } from './armHttp';

export interface SimulatorUnderTest {
  readonly simulator: ArmSimulator;
  readonly http: ArmClient;
}

export type SimulatorStartOptions = Pick<StartArmSimulatorOptions, 'seed' | 'clock'>;

export interface UseArmSimulatorOptions extends SimulatorStartOptions {
  /** 'test': a fresh simulator for every test, so state, faults and the request log start clean; 'block': one for all. */
  per: 'test' | 'block';
  /** After each test, fail it if any response the simulator gave broke its spec (a simulator bug). */
  checkResponses?: boolean;
}

async function start(options: SimulatorStartOptions): Promise<SimulatorUnderTest> {
  const simulator = await startArmSimulator({ port: 0, ...options });
  return { simulator, http: armClient(simulator) };
}

async function stop({ simulator, http }: SimulatorUnderTest): Promise<void> {
  http.close();
  await simulator.close();
}

/** Registers the mocha hooks of a describe block; read `simulator` and `http` inside its tests. */
export function useArmSimulator(options: UseArmSimulatorOptions): SimulatorUnderTest {
  const { per, checkResponses = false, ...startOptions } = options;
  let running: SimulatorUnderTest | undefined;
  const current = () => {
    if (!running) throw new Error('useArmSimulator: the simulator runs only inside the tests of the block that uses it');
    return running;
  };
  const startOne = async () => {
    running = await start(startOptions);
  };
  const stopOne = async () => {
    const stopping = running;
    running = undefined;
    if (stopping) await stop(stopping);
  };
  if (per === 'test') beforeEach(startOne);
  else before(startOne);
  afterEach(async () => {
    if (!running) return; // it never started: mocha reports why
    try {
      if (checkResponses) assert.deepEqual(current().simulator.violations(), [], 'every response must satisfy its spec');
    } finally {
      if (per === 'test') await stopOne();
    }
  });
  if (per === 'block') after(stopOne);
  return {
    get simulator() {
      return current().simulator;
    },
    get http() {
      return current().http;
    },
  };
}

/** A simulator of its own (another seed, say) for `use`, closed when it is done. */
export async function withArmSimulator<T>(use: (started: SimulatorUnderTest) => Promise<T>, options: SimulatorStartOptions = {}): Promise<T> {
  const started = await start(options);
  try {
    return await use(started);
  } finally {
    await stop(started);
  }
}
