/**
 * A crash never sends the approved writes a second time. A real bot process is killed (SIGKILL) while both of its
 * PUTs are held at the ARM simulator; the held PUTs then land, as ARM applies a write whose caller died. The bot is
 * started again on the same data directory: recovery waits until no write of the dead process can still land, reads
 * ARM and records the truth. Exactly two PUTs reach ARM, and the card and `history` say what happened.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_SEED, DEMO_SUBSCRIPTIONS, startArmSimulator, type ArmSimulator } from '../../src/azure/simulator';
import { VERBS } from '../../src/cards';
import { actionExecute, APPROVERS, findExecuteAction, message, post, REQUESTER, textOf } from './support/activities';
import { startBotProcess, type BotProcess } from './support/botProcess';
import { startLoopbackConnector, type LoopbackConnector } from './support/loopbackConnector';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a bot killed while its approved writes are held at ARM', function () {
  this.timeout(90_000);
  let simulator: ArmSimulator;
  let connector: LoopbackConnector;
  let folder: string;
  const bots: BotProcess[] = [];

  before(async () => {
    simulator = await startArmSimulator({ port: 0, seed: DEMO_SEED });
    connector = await startLoopbackConnector();
    folder = mkdtempSync(path.join(os.tmpdir(), 'defender-crash-'));
    writeFileSync(path.join(folder, 'arm-ca.pem'), simulator.caCertificate);
  });
  after(async () => {
    for (const bot of bots) await bot.stop();
    await connector?.close();
    await simulator?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const env = () => ({
    DEFENDER_MODE: 'demo',
    DEFENDER_ARM_ENDPOINT: simulator.url,
    DEFENDER_ARM_CA_FILE: path.join(folder, 'arm-ca.pem'),
    DEFENDER_DATA_DIR: path.join(folder, 'data'),
    // Short bounds so recovery is due within seconds: it waits apply timeout + 2 x call timeout (10 s here).
    DEFENDER_APPLY_TIMEOUT: 'PT4S',
    DEFENDER_ARM_CALL_TIMEOUT: 'PT3S',
    DEFENDER_SWEEP_INTERVAL_SECONDS: '1',
  });

  it('recovery writes nothing again: exactly 2 PUTs reach ARM, and the card and history tell the truth', async () => {
    const first = await startBotProcess(env());
    bots.push(first);
    const conversationId = 'a:crash-requester';
    assert.equal((await post(first.url, message(connector.url, conversationId, REQUESTER, 'enable "Contoso Prod"'))).status, 200);
    const cardCall = connector.callsFor(conversationId).find((call) => findExecuteAction(call.body, VERBS.approve));
    assert.ok(cardCall, 'the request card was posted');
    const approveData = findExecuteAction(cardCall.body, VERBS.approve)!.data;

    const puts = simulator.hold({ method: 'PUT' });
    const approved = await post(first.url, actionExecute(connector.url, 'a:crash-approver', APPROVERS[0], VERBS.approve, approveData, 'connector-activity-2'));
    assert.equal(approved.status, 200);
    await puts.untilHeld(2);
    first.child.kill('SIGKILL');
    await waitFor('the first bot to die', () => (first.child.exitCode !== null || first.child.signalCode !== null ? true : undefined));
    puts.stop(); // the dead process's PUTs land now, as ARM applies a write whose caller died

    const second = await startBotProcess(env());
    bots.push(second);
    await waitFor('the held PUTs to land', () => (simulator.writes().length === 2 ? true : undefined));
    const finalCard = await waitFor('the card to show the outcome', () =>
      connector.calls.filter((call) => call.method === 'PUT' && /Done: the changes are applied/.test(textOf(call.body))).at(-1));
    assert.match(finalCard.url, new RegExp(`/v3/conversations/${encodeURIComponent(conversationId)}/activities/`), 'the requester\'s card was updated in place');

    await new Promise((resolve) => setTimeout(resolve, 1500)); // two more sweeps: a second recovery would write now
    const writes = simulator.writes().map((write) => `${write.method} ${write.path}`);
    assert.deepEqual(writes.sort(), [
      `PUT /subscriptions/${PROD}/providers/Microsoft.Security/pricings/Api`,
      `PUT /subscriptions/${PROD}/providers/Microsoft.Security/pricings/CloudPosture`,
    ]);

    const historyConversation = 'a:crash-history';
    await post(second.url, message(connector.url, historyConversation, REQUESTER, 'history "Contoso Prod"'));
    const history = textOf(connector.callsFor(historyConversation).at(-1)?.body);
    assert.match(history, /reconciled/i, history);
    assert.match(history, /succeeded/i, history);
  });
});
