/** Resource Graph's per-user quota and throttling, through the real pipeline against the simulator. */
import assert from 'node:assert/strict';
import { SUBSCRIPTIONS_QUERY } from '../../../src/azure/resourceGraph/queries';
import { DEMO_SEED } from '../../../src/azure/simulator';
import { armClient } from '../simulator/armHttp';
import { graphQueries } from '../simulatorHarness';
import { startGraph } from './graphHarness';

const WINDOW_MS = 1000;

describe('Resource Graph quota', () => {
  it('holds the 16th query in a window back until the window resets, so none is answered 429', async () => {
    const { simulator, graph } = await startGraph(DEMO_SEED);
    simulator.setFaults({ graphQuotaWindowMs: WINDOW_MS });
    try {
      for (let index = 0; index < 18; index += 1) await graph.query(SUBSCRIPTIONS_QUERY);
      const queries = graphQueries(simulator);
      assert.deepEqual([...new Set(queries.map((query) => query.status))], [200], 'never throttled');
      const arrivals = queries.map((query) => Date.parse(query.time));
      assert.ok(arrivals[15] - arrivals[0] >= WINDOW_MS - 50, `the 16th query waited for the reset (${arrivals[15] - arrivals[0]} ms after the first)`);
    } finally {
      await simulator.close();
    }
  });

  it('a 429 it could not foresee (another client spent the quota) is retried after Retry-After', async () => {
    const { simulator, graph } = await startGraph(DEMO_SEED);
    simulator.setFaults({ graphQuotaWindowMs: WINDOW_MS });
    const http = armClient(simulator);
    try {
      for (let index = 0; index < 15; index += 1) await http.request('POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', { body: { query: SUBSCRIPTIONS_QUERY.text } });
      const rows = await graph.query(SUBSCRIPTIONS_QUERY);
      assert.equal(rows.length, 6);
      assert.deepEqual(graphQueries(simulator).slice(15).map((query) => query.status), [429, 200]);
    } finally {
      http.close();
      await simulator.close();
    }
  });
});
