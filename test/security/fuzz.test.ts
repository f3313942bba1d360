/**
 * Property-based fuzzing through the real Application (TestAdapter, HTTPS ARM simulator, file storage): random
 * and hostile command texts and card payloads. Each turn is answered, nothing errs, and ARM sees zero writes.
 * CI: FUZZ_RUNS (10,000) each, about 6 ms a turn; `npm run fuzz` runs 50,000 each by default, or
 * with --runs (scripts/fuzz.ts). A failure prints fast-check's seed: rerun it with `npm run fuzz -- --seed <seed>`.
 */
import { createFuzzBot, type FuzzBot } from './fuzz/fuzzBot';
import { fuzzCommands } from './fuzz/commandFuzz';
import { fuzzPayloads } from './fuzz/payloadFuzz';

// The issue asks for 10,000 of each in CI; at a few ms a turn that is about two minutes together.
const FUZZ_RUNS = 10_000;

describe('security: fuzzing through the real bot', function () {
  this.timeout(600_000);
  let fuzz: FuzzBot;
  beforeEach(async () => (fuzz = await createFuzzBot()));
  afterEach(() => fuzz.close());

  it(`threat: ${FUZZ_RUNS} random or hostile command texts are each answered, with no internal error and zero ARM writes`, async () => {
    await fuzzCommands(fuzz, { numRuns: FUZZ_RUNS });
  });

  it(`threat: ${FUZZ_RUNS} random or mutated card payloads are each answered, with no internal error and zero ARM writes`, async () => {
    await fuzzPayloads(fuzz, { numRuns: FUZZ_RUNS });
  });
});
