/**
 * In-process mutual exclusion per key. Lock holders queue in arrival order; several keys are taken in sorted
 * order so two writers of overlapping key sets cannot deadlock.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async runExclusive<T>(keys: string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const releases: Array<() => void> = [];
    try {
      for (const key of sorted) releases.push(await this.acquire(key));
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      // Forget the key once nobody queues behind us, so the map does not grow with every key ever written.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

/** One mutex per resolved directory, shared by every store instance over it in this process. */
const mutexesByDirectory = new Map<string, KeyedMutex>();

export function mutexForDirectory(directory: string): KeyedMutex {
  let mutex = mutexesByDirectory.get(directory);
  if (!mutex) {
    mutex = new KeyedMutex();
    mutexesByDirectory.set(directory, mutex);
  }
  return mutex;
}
