/** Polls GET /readyz until the bot says it is ready (storage, ARM, the subscription directory loaded). */
export async function waitUntilReady(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${url}/readyz`);
    const body = await response.text();
    if (response.status === 200) return;
    if (Date.now() > deadline) throw new Error(`the bot at ${url} was not ready after ${timeoutMs} ms: ${body.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
