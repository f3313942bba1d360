/** /readyz's storage check: a real write and read-back, because a read-only or full disk reads fine. */
import type { KeyValueStore } from '../core/keyValueStore';
import type { Clock } from '../core/ports';

const PROBE_KEY = 'defender/readiness-probe';

export async function checkStoreWritable(store: KeyValueStore, clock: Clock): Promise<void> {
  const checkedAt = clock.now().toISOString();
  await store.write({ [PROBE_KEY]: { checkedAt, eTag: '*' } });
  const items = await store.read([PROBE_KEY]);
  if (items[PROBE_KEY]?.checkedAt !== checkedAt) throw new Error('the storage probe written just now could not be read back');
}
