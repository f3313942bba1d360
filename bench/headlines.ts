/** The headline numbers and targets, from the results. */
import type { Headline } from './report';
import type { BenchResults } from './results';
import type { WatchResult } from './watch';

const ms = (value: number) => `${Math.round(value)} ms`;
const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function headlines(results: BenchResults): Headline[] {
  const { b1TurnCost: b1, b2Fleet: b2, b3Approval: b3, b4Footprint: b4, b5ColdStatus: b5 } = results;
  const { echo, status } = b1.targets;
  const rows: Headline[] = [
    { benchmark: 'B1', metric: 'echo p50 / p99 / throughput', value: `${echo.p50Ms} / ${echo.p99Ms} ms / ${echo.throughputPerSec}/s` },
    { benchmark: 'B1', metric: 'status p50 / p99 / throughput', value: `${status.p50Ms} / ${status.p99Ms} ms / ${status.throughputPerSec}/s` },
    { benchmark: 'B1', metric: 'status ÷ echo, p50', value: `${b1.ratios.p50}×`, target: '≤ 1.5×', met: b1.ratios.p50 <= 1.5 },
    { benchmark: 'B1', metric: 'status ÷ echo, p99 / throughput', value: `${b1.ratios.p99}× / ${b1.ratios.throughput}×` },
    { benchmark: 'B1', metric: 'ARM calls per status turn', value: String(b1.statusArmCalls.calls) },
    {
      benchmark: 'B1',
      metric: 'status card: built / with the parsed template reused',
      value: `${b1.templating.buildStatusCardMs} / ${b1.templating.reusedTemplateExpandMs} ms${b1.templating.sameCard ? ' (same card)' : ' (CARDS DIFFER)'}`,
    },
    { benchmark: 'B1', metric: 'typing indicators (status)', value: `${status.typingIndicators} in ${status.count} turns` },
  ];
  if (b1.profile) {
    const perTurn = (name: string) => Math.round(((b1.profile!.inclusiveMs[name] ?? 0) / b1.profile!.messages) * 100) / 100;
    rows.push({
      benchmark: 'B1',
      metric: 'CPU per status turn: all / card templating / simulator',
      value: `${b1.profile.cpuMsPerTurn} / ${perTurn('expandTemplate')} / ${Math.round((perTurn('answer') + perTurn('checkResponse')) * 100) / 100} ms`,
    });
  }
  for (const run of b2.runs) {
    const fromGraph = run.label !== 'per subscription (fallback)';
    rows.push({
      benchmark: 'B2',
      metric: `list ${b2.subscriptions} subs at ${b2.latencyMs} ms/call, ${run.label}: wall (latency bound)`,
      value: `${ms(run.wallMs)} (${ms(run.latencyBoundMs)})`,
      ...(fromGraph ? { target: '≤ 2 s', met: run.wallMs <= 2000 } : {}),
    });
    rows.push({
      benchmark: 'B2',
      metric: `ARM calls, ${run.label}`,
      value: Object.entries(run.armCallsByKind).map(([kind, count]) => `${count} ${kind}`).join(', '),
      ...(fromGraph ? { target: '≤ 10', met: run.armCalls <= 10 } : {}),
    });
  }
  rows.push({ benchmark: 'B2', metric: 'Resource Graph (warm) ÷ per subscription, wall', value: `${b2.graphToFallbackRatio}×` });
  rows.push(
    { benchmark: 'B3', metric: 'ARM round trips, approve → enabled (re-read, PUTs, read-back)', value: String(b3.median.changeRoundTrips), target: '≤ 4', met: b3.median.changeRoundTrips <= 4 },
    { benchmark: 'B3', metric: 'then the validation summary\'s reads / all ARM calls', value: `${b3.median.validationReads} / ${b3.median.armRoundTrips}` },
    { benchmark: 'B3', metric: 'invoke answered (median)', value: ms(b3.median.invokeAnswerMs), target: '≪ 2 s', met: b3.median.invokeAnswerMs < 2000 },
    { benchmark: 'B3', metric: 'both PUTs acknowledged / read back / requester told', value: `${ms(b3.median.putsAcknowledgedMs)} / ${ms(b3.median.readBackDoneMs)} / ${ms(b3.median.requesterToldMs)}` },
    { benchmark: 'B4', metric: `cold start to /healthz, median of ${b4.coldStarts.tsxMs.length} (${b4.buildMs === undefined ? 'tsx' : 'node, compiled'})`, value: ms(b4.coldStartMs), target: '< 3 s', met: b4.coldStartMs < 3000 },
    { benchmark: 'B4', metric: 'cold start: first spawn / via tsx / echo bot (tsx)', value: `${ms(b4.firstColdStartMs)} / ${ms(b4.tsxColdStartMs)} / ${ms(b4.echoColdStartMs)}` },
    { benchmark: 'B4', metric: 'RSS after B1 (peak)', value: `${b4.rssAfterB1Mb.rssMb} MB (${b4.rssAfterB1Mb.peakRssMb} MB)`, target: '< 200 MB', met: b4.rssAfterB1Mb.rssMb < 200 },
    { benchmark: 'B4', metric: 'RSS idle after start / echo bot after B1', value: `${b4.rssIdleMb.rssMb} MB / ${b4.echoRssAfterB1Mb.rssMb} MB` },
  );
  for (const run of b5.runs) {
    rows.push({
      benchmark: 'B5',
      metric: `cold status among ${b5.subscriptions} subs at ${b5.latencyMs} ms/call, ${run.label}: wall / ARM calls / round trips deep (+ directory pages loading meanwhile)`,
      value: `${ms(run.wallMs)} / ${run.armCalls} / ${run.roundTripsDeep} (+ ${run.backgroundCalls ?? 0})`,
      target: '≤ 3 deep',
      met: run.roundTripsDeep <= 3,
    });
  }
  const ready = b5.runs.find((run) => run.label === 'after /readyz')!;
  const before = b5.pagingSubscriptions.wallMs + ready.wallMs;
  rows.push({
    benchmark: 'B5',
    metric: `before: paging GET /subscriptions (${b5.pagingSubscriptions.pages} pages) + the same status ≈ ${ms(before)}; after /readyz ÷ that`,
    value: `${round(ready.wallMs / before, 3)}×`,
  });
  if (results.b6Watch) rows.push(...watchHeadlines(results.b6Watch));
  return rows;
}

function watchHeadlines(b6: WatchResult): Headline[] {
  const rows: Headline[] = [];
  for (const run of b6.runs) {
    const fromGraph = run.label === 'resource graph';
    rows.push({ benchmark: 'B6', metric: `watch scan of ${b6.subscriptions} subs at ${b6.latencyMs} ms/call, ${run.label}: wall (${run.report})`, value: ms(run.wallMs) });
    rows.push({
      benchmark: 'B6',
      metric: `ARM calls, ${run.label}`,
      value: Object.entries(run.armCallsByKind).map(([kind, count]) => `${count} ${kind}`).join(', '),
      ...(fromGraph ? { target: '≤ 10 Resource Graph', met: run.graphCalls <= 10 } : {}),
    });
  }
  rows.push({ benchmark: 'B6', metric: `Resource Graph ÷ per subscription, wall (APIs listed for ${b6.coveredServices} services on covered subs either way)`, value: `${b6.graphToFallbackRatio}×` });
  return rows;
}
