/**
 * `npm run fuzz [-- --runs 50000] [--seed 42]`: the security fuzzing of test/security/fuzz.test.ts, bigger than
 * CI affords. Exit 0 when every invariant held, 1 with fast-check's counterexample and seed otherwise.
 */
import { createFuzzBot } from '../test/security/fuzz/fuzzBot';
import { fuzzCommands } from '../test/security/fuzz/commandFuzz';
import { fuzzPayloads } from '../test/security/fuzz/payloadFuzz';

function option(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value)) throw new Error(`--${name} needs a whole number, got "${process.argv[index + 1]}"`);
  return value;
}

async function run(name: string, fuzz: (bot: Awaited<ReturnType<typeof createFuzzBot>>, options: { numRuns: number; seed?: number }) => Promise<void>, numRuns: number, seed?: number) {
  const bot = await createFuzzBot();
  const started = Date.now();
  try {
    await fuzz(bot, { numRuns, seed });
    process.stdout.write(`${name}: ${numRuns} runs held every invariant in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await bot.close();
  }
}

async function main() {
  const numRuns = option('runs') ?? 50_000;
  const seed = option('seed');
  await run('command texts', fuzzCommands, numRuns, seed);
  await run('card payloads', fuzzPayloads, numRuns, seed);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Fuzzing found a problem: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
