/**
 * B4 cold start, repeated: spawn → first healthy /healthz, alternating the compiled bot and the tsx one so a burst of
 * load from other processes hits both. The median is the headline; the first spawn also pays for a cold page cache.
 */
import { startDefender, TSX_ARGS } from './defenderProcess';
import { median, round } from './stats';

export interface ColdStarts {
  compiledMs: number[];
  tsxMs: number[];
  compiledMedianMs: number;
  tsxMedianMs: number;
  /** RSS of the compiled bot right after it became healthy, before any turn. */
  compiledIdleRssMb: number[];
}

export async function measureColdStarts(compiledArgs: string[] | undefined, repeats = 3): Promise<ColdStarts> {
  const compiledMs: number[] = [];
  const tsxMs: number[] = [];
  const compiledIdleRssMb: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    if (compiledArgs) {
      const compiled = await startDefender(`cold-compiled-${repeat}`, compiledArgs);
      compiledMs.push(round(compiled.coldStartMs, 0));
      compiledIdleRssMb.push(compiled.rssMb().rssMb);
      await compiled.stop();
    }
    const viaTsx = await startDefender(`cold-tsx-${repeat}`, TSX_ARGS);
    tsxMs.push(round(viaTsx.coldStartMs, 0));
    await viaTsx.stop();
  }
  return { compiledMs, tsxMs, compiledMedianMs: median(compiledMs), tsxMedianMs: median(tsxMs), compiledIdleRssMb };
}
