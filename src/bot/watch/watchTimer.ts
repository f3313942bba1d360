/**
 * Runs the watch: a scan at start-up (the baseline, the first time ever), then one every interval, each tracked by
 * the background work so shutdown waits for it. A tick while a scan is still running is skipped, not queued.
 */
import type { ScanReport } from '../../core/watch/watchService';
import type { BotDeps } from '../deps';

export interface RunningWatch {
  /** No more scans; waits for the one in progress, then gives the lease up. */
  stop(): Promise<void>;
  /** One scan now (tests drive the watch with this instead of waiting for the timer). */
  scanNow(): Promise<ScanReport>;
}

export function startWatch(deps: Pick<BotDeps, 'watch' | 'background' | 'logger'>, intervalMs: number): RunningWatch {
  let current: Promise<unknown> | undefined;
  const scanNow = async (): Promise<ScanReport> => {
    const report = await deps.watch.service.scan();
    if (report.outcome === 'not-leader' || report.outcome === 'superseded') {
      deps.logger.debug({ outcome: report.outcome }, 'watch scan skipped: another instance holds the lease');
      return report;
    }
    if (report.problems.length > 0) deps.logger.warn({ problems: report.problems }, 'watch scan read only part of the fleet or could not post; what it could not read is compared at the next scan');
    const quiet = report.outcome === 'scanned' && report.found === 0 && report.posted === 0 && report.waiting === 0;
    // A scan that found and posted nothing is the usual case: not worth an info line every interval.
    deps.logger[quiet ? 'debug' : 'info']({ ...report, problems: undefined }, report.outcome === 'baseline' ? 'watch baseline recorded: nothing already true is posted' : 'watch scan done');
    return report;
  };
  const tick = () => {
    if (current) return;
    deps.background.run('watch scan', () => {
      current = scanNow().finally(() => (current = undefined));
      return current.then(() => undefined);
    });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current?.catch(() => undefined);
      // Let another instance take over at once instead of after the lease expires.
      await deps.watch.lease.release().catch((error: unknown) => deps.logger.warn({ err: error }, 'could not release the watch lease; another instance takes over when it expires'));
    },
    scanNow,
  };
}
