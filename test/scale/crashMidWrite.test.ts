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
import { cardText, findExecuteAction } from '../support/cardText';
import { eventuallyValue } from '../support/eventually';
import { startTeamsConnector, type TeamsConnector } from '../support/teamsConnector';
import { startBotProcess, type BotProcess } from './support/botProcess';
import { APPROVERS, REQUESTER } from './support/people';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

/** As patient as this file's own poller was: 30 s, every 50 ms. */
const PATIENCE = { timeoutInMs: 30_000, intervalInMs: 50 };

describe('a bot killed while its approved writes are held at ARM', function () {
  this.timeout(90_000);
  let simulator: ArmSimulator;
  let teams: TeamsConnector;
  let folder: string;
  const bots: BotProcess[] = [];

  before(async () => {
    simulator = await startArmSimulator({ port: 0, seed: DEMO_SEED });
    teams = await startTeamsConnector();
    folder = mkdtempSync(path.join(os.tmpdir(), 'defender-crash-'));
    writeFileSync(path.join(folder, 'arm-ca.pem'), simulator.caCertificate);
  });
  after(async () => {
    for (const bot of bots) await bot.stop();
    await teams?.close();
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
    const alex = teams.person(REQUESTER);
    const avery = teams.person(APPROVERS[0]);
    // Alex asks where Avery can approve his card: a group chat of the two.
    const chat = teams.conversation({ id: '19:crash-requester@thread.v2', kind: 'groupChat', members: [alex, avery] });
    const asked = await teams.send(alex, chat, 'enable "Contoso Prod"', { botUrl: first.url });
    assert.equal(asked.status, 200);
    const card = asked.replies.find((reply) => findExecuteAction(reply.card, VERBS.approve));
    assert.ok(card, 'the request card was posted');
    const approveData = findExecuteAction(card.card, VERBS.approve)!.data;

    const puts = simulator.hold({ method: 'PUT' });
    const approved = await teams.click(avery, chat, card.id, VERBS.approve, approveData, { botUrl: first.url });
    assert.equal(approved.status, 200);
    await puts.untilHeld(2);
    first.child.kill('SIGKILL');
    await eventuallyValue(() => (first.child.exitCode !== null || first.child.signalCode !== null ? true : undefined), 'the first bot to die', PATIENCE);
    puts.stop(); // the dead process's PUTs land now, as ARM applies a write whose caller died

    const second = await startBotProcess(env());
    bots.push(second);
    await eventuallyValue(() => (simulator.writes().length === 2 ? true : undefined), 'the held PUTs to land', PATIENCE);
    const finalCard = await eventuallyValue(
      () => teams.calls.filter((call) => call.method === 'PUT' && /Done: the changes are applied/.test(cardText(call.body))).at(-1),
      'the card to show the outcome',
      PATIENCE,
    );
    assert.match(finalCard.path, new RegExp(`/v3/conversations/${encodeURIComponent(chat.id)}/activities/`), 'the requester\'s card was updated in place');

    await new Promise((resolve) => setTimeout(resolve, 1500)); // two more sweeps: a second recovery would write now
    const writes = simulator.writes().map((write) => `${write.method} ${write.path}`);
    assert.deepEqual(writes.sort(), [
      `PUT /subscriptions/${PROD}/providers/Microsoft.Security/pricings/Api`,
      `PUT /subscriptions/${PROD}/providers/Microsoft.Security/pricings/CloudPosture`,
    ]);

    const historyChat = teams.conversation({ id: 'a:crash-history', kind: 'personal', members: [alex] });
    await teams.send(alex, historyChat, 'history "Contoso Prod"', { botUrl: second.url });
    const history = cardText(teams.callsIn(historyChat).at(-1)?.body);
    assert.match(history, /reconciled/i, history);
    assert.match(history, /succeeded/i, history);
  });
});
