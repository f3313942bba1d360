/**
 * The templating cost of one status card, and what caching the parsed template would save. src/cards/expand.ts
 * builds `new ACData.Template(template)` on every call, and the constructor parses every string of the template
 * with adaptive-expressions' ANTLR parser; a Template is meant to be built once and expanded many times.
 * Compares buildStatusCard() as it is with one prepared Template reused, on the same view model, and checks both
 * produce the same card.
 */
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import * as ACData from 'adaptivecards-templating';
import { createArmCredential, DefenderClient } from '../src/azure';
import { DEMO_SUBSCRIPTIONS, startArmSimulator } from '../src/azure/simulator';
import { buildStatusCard, statusCardView } from '../src/cards/statusCard';
import statusTemplate from '../src/cards/templates/status.json';
import { median, round } from './stats';

export interface TemplatingCost {
  buildStatusCardMs: number;
  reusedTemplateExpandMs: number;
  /** The parse a cached Template would skip, per card. */
  savedPerCardMs: number;
  sameCard: boolean;
}

function timeEach(iterations: number, work: () => unknown): number {
  const samples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const startedAt = performance.now();
    work();
    samples.push(performance.now() - startedAt);
  }
  return median(samples);
}

export async function measureTemplating(iterations = 300): Promise<TemplatingCost> {
  const simulator = await startArmSimulator({ port: 0 });
  try {
    const gateway = new DefenderClient({ credential: createArmCredential({ kind: 'simulator' }), endpoint: simulator.url, caCertificate: simulator.caCertificate });
    const status = await gateway.getStatus(DEMO_SUBSCRIPTIONS.contosoProd);
    const view = statusCardView(status);
    const prepared = new ACData.Template(statusTemplate);
    const reused = () => prepared.expand({ $root: view });
    timeEach(50, () => buildStatusCard(status)); // warm up the JIT for both paths
    timeEach(50, reused);
    const buildStatusCardMs = timeEach(iterations, () => buildStatusCard(status));
    const reusedTemplateExpandMs = timeEach(iterations, reused);
    return {
      buildStatusCardMs: round(buildStatusCardMs, 3),
      reusedTemplateExpandMs: round(reusedTemplateExpandMs, 3),
      savedPerCardMs: round(buildStatusCardMs - reusedTemplateExpandMs, 3),
      sameCard: isDeepStrictEqual(JSON.parse(JSON.stringify(buildStatusCard(status))), JSON.parse(JSON.stringify(reused()))),
    };
  } finally {
    await simulator.close();
  }
}

if (require.main === module) measureTemplating().then((cost) => console.log(cost));
