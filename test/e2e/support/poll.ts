/** Condition-based waiting: poll until `check` gives a value, or fail saying what never happened. */
export async function pollUntil<T>(check: () => Promise<T | undefined>, options: { timeoutInMs: number; what: string; intervalInMs?: number }): Promise<T> {
  const deadline = Date.now() + options.timeoutInMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${options.timeoutInMs} ms waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalInMs ?? 200));
  }
}
