/** Polls until `check` returns true (for work the code under test starts in the background), or fails naming it. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  await pollFor(() => (check() ? true : undefined), `until ${what}`, { timeoutInMs: timeoutMs, intervalInMs: 10 });
}

/** Polls until `probe` gives a value (anything but undefined) and returns it, or fails naming what never came. */
export function eventuallyValue<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, { timeoutInMs = 5000, intervalInMs = 10 }: { timeoutInMs?: number; intervalInMs?: number } = {}): Promise<T> {
  return pollFor(probe, `for ${what}`, { timeoutInMs, intervalInMs });
}

async function pollFor<T>(probe: () => T | undefined | Promise<T | undefined>, waiting: string, { timeoutInMs, intervalInMs }: { timeoutInMs: number; intervalInMs: number }): Promise<T> {
  const deadline = Date.now() + timeoutInMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutInMs} ms waiting ${waiting}`);
    await new Promise((resolve) => setTimeout(resolve, intervalInMs));
  }
}
