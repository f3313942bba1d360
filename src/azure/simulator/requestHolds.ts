/**
 * Holds: a test says `sim.hold({ method: 'PUT' })`, and matching ARM requests wait inside the simulator, in flight,
 * until the test releases them. A hold counts what it holds, so a test sees how many calls a client has in flight at
 * once directly, and can wait for "N at the same time" as a barrier instead of guessing from timestamps.
 * Held requests are answered (and change state) only when released.
 */

export interface HoldMatch {
  /** e.g. 'PUT'; any method when unset. */
  method?: string;
  /** Case-insensitive part of the path, e.g. '/pricings/api'; any path when unset. */
  pathIncludes?: string;
  /** Hold only the first `limit` matching requests; later ones pass (e.g. the first of several calls to one path). */
  limit?: number;
}

export interface HeldRequest {
  method: string;
  path: string;
}

export interface UntilHeldOptions {
  /** Give up, failing with what is held, after this long; default 10 s. Only a broken client ever waits that long. */
  timeoutInMs?: number;
}

export class RequestHold {
  private readonly waiting: Array<HeldRequest & { release: () => void }> = [];
  private readonly watchers = new Set<() => void>();
  private peakHeld = 0;
  private taken = 0;
  private active = true;

  constructor(private readonly match: HoldMatch) {}

  /** The requests held right now, oldest first. */
  held(): HeldRequest[] {
    return this.waiting.map(({ method, path }) => ({ method, path }));
  }

  /** The most requests this hold has had at the same time. */
  get peak(): number {
    return this.peakHeld;
  }

  /** Resolves once at least `count` requests are held at the same time. */
  untilHeld(count: number, options: UntilHeldOptions = {}): Promise<void> {
    const timeoutInMs = options.timeoutInMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.waiting.length < count) return;
        clearTimeout(timer);
        this.watchers.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        const shown = this.held().slice(0, 3).map((request) => `${request.method} ${request.path}`);
        const held = shown.length === 0 ? 'none' : `${shown.join(', ')}${this.waiting.length > shown.length ? ', …' : ''}`;
        reject(new Error(`HoldTimeout: ${count} requests were never in flight at once within ${timeoutInMs} ms; ${this.waiting.length} were (${held}).`));
      }, timeoutInMs);
      this.watchers.add(check);
      check();
    });
  }

  /** Lets the oldest `count` held requests (default: all) go on to be answered. */
  release(count = this.waiting.length): void {
    for (const request of this.waiting.splice(0, count)) request.release();
  }

  /** Releases everything and holds nothing more. */
  stop(): void {
    this.active = false;
    this.release();
  }

  matches(method: string, path: string): boolean {
    if (!this.active || (this.match.limit !== undefined && this.taken >= this.match.limit)) return false;
    if (this.match.method && this.match.method.toUpperCase() !== method.toUpperCase()) return false;
    return !this.match.pathIncludes || path.toLowerCase().includes(this.match.pathIncludes.toLowerCase());
  }

  wait(method: string, path: string): Promise<void> {
    this.taken += 1;
    return new Promise((release) => {
      this.waiting.push({ method, path, release });
      this.peakHeld = Math.max(this.peakHeld, this.waiting.length);
      for (const watcher of [...this.watchers]) watcher();
    });
  }
}

/** The simulator's holds; the request pipeline asks them before it answers. */
export class RequestHolds {
  private readonly holds = new Set<RequestHold>();

  add(match: HoldMatch): RequestHold {
    const hold = new RequestHold(match);
    this.holds.add(hold);
    return hold;
  }

  /** Waits while the first hold that matches keeps this request; returns at once when none does. */
  async pass(method: string, path: string): Promise<void> {
    const hold = [...this.holds].find((candidate) => candidate.matches(method, path));
    if (hold) await hold.wait(method, path);
  }

  stopAll(): void {
    for (const hold of this.holds) hold.stop();
    this.holds.clear();
  }
}
