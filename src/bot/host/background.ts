/**
 * Work that outlives the turn that started it (executing an approved plan, updating cards).
 * Tracked so that shutdown waits for it and tests can await it instead of sleeping.
 */
import type { Logger } from '../../logging';

export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(description: string, work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) => this.logger.error({ err: error, task: description }, `background task failed: ${description}`))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when every task started so far, and any they started, has finished. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
