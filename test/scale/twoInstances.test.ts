/**
 * Scale-out: two real bot processes on one Azurite container and one standalone ARM simulator. A request made
 * through one instance is approved through the other; 50 concurrent approvals across both apply it exactly once;
 * a storage outage mid-request fails clearly and loses nothing; the audit chain verifies. Each case has a
 * subscription of its own and depends on no other case having run.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { DEMO_SEED, startArmSimulator, type ArmSimulator, type SimulatorSeed } from '../../src/azure/simulator';
import { VERBS } from '../../src/cards';
import type { AuditEntry } from '../../src/core/audit/auditLog';
import { verifyAuditChain } from '../../src/core/audit/chain';
import { BlobAuditLog } from '../../src/storage/blobAuditLog';
import { connectionStringFor, startAzurite, uniqueContainerName, type RunningAzurite } from '../support/azurite';
import { cardText, findExecuteAction } from '../support/cardText';
import { startTeamsConnector, type Conversation, type Person, type TeamsConnector } from '../support/teamsConnector';
import { startBotProcess, type BotProcess } from './support/botProcess';
import { APPROVERS, REQUESTER } from './support/people';
import { startTcpGate, type TcpGate } from './support/tcpGate';

/** The demo seed plus subscriptions that enable cleanly (the demo's others fail on purpose), one per case that needs one. */
function seedWithSpareSubscriptions(names: string[]): SimulatorSeed {
  const seed = structuredClone(DEMO_SEED);
  const fabrikam = seed.subscriptions.find((subscription) => subscription.displayName === 'Fabrikam Sandbox');
  assert.ok(fabrikam, 'the demo seed has Fabrikam Sandbox');
  names.forEach((displayName, index) => {
    seed.subscriptions.push({ ...structuredClone(fabrikam), subscriptionId: `5ca1e0a7-0000-4000-8000-00000000000${index + 1}`, displayName });
  });
  return seed;
}

describe('two bot instances on one blob container (Azurite) and one ARM simulator', function () {
  this.timeout(180_000);
  let azurite: RunningAzurite;
  let gate: TcpGate;
  let simulator: ArmSimulator;
  let teams: TeamsConnector;
  let alex: Person;
  let approvers: Person[];
  let folder: string;
  let container: string;
  let connectionString: string;
  const bots: BotProcess[] = [];
  let conversationCount = 0;

  before(async () => {
    azurite = await startAzurite();
    gate = await startTcpGate(azurite.port); // the bots reach Azurite through a gate the outage test can cut
    simulator = await startArmSimulator({ port: 0, seed: seedWithSpareSubscriptions(['Tailspin Staging', 'Adatum Staging']) });
    teams = await startTeamsConnector();
    alex = teams.person(REQUESTER);
    approvers = APPROVERS.map((approver) => teams.person(approver));
    folder = mkdtempSync(path.join(os.tmpdir(), 'defender-scale-'));
    const caFile = path.join(folder, 'arm-ca.pem');
    writeFileSync(caFile, simulator.caCertificate);
    container = uniqueContainerName('scale');
    connectionString = connectionStringFor(`http://127.0.0.1:${gate.port}/devstoreaccount1`);
    const env = {
      DEFENDER_MODE: 'demo',
      DEFENDER_STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      DEFENDER_STORAGE_CONTAINER: container,
      DEFENDER_ARM_ENDPOINT: simulator.url,
      DEFENDER_ARM_CA_FILE: caFile,
      DEFENDER_DATA_DIR: path.join(folder, 'unused-data'),
    };
    // One after the other, as a rolling deployment would: the second finds the first's open-request index.
    bots.push(await startBotProcess(env));
    bots.push(await startBotProcess(env));
  });

  after(async () => {
    for (const bot of bots) await bot.stop();
    await teams?.close();
    await simulator?.close();
    await gate?.close();
    await azurite?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /**
   * Sends `enable "<name>"` through `bot` as Alex, in a group chat with the approvers (so they can click his card),
   * and returns the request card's id and its Approve button's data.
   */
  async function requestThrough(bot: BotProcess, subscriptionName: string) {
    const chat = teams.conversation({ id: `19:scale-${++conversationCount}@thread.v2`, kind: 'groupChat', members: [alex, ...approvers] });
    const sent = await teams.send(alex, chat, `enable "${subscriptionName}"`, { botUrl: bot.url });
    assert.equal(sent.status, 200);
    const card = sent.replies.find((reply) => findExecuteAction(reply.card, VERBS.approve));
    assert.ok(card, `no request card with Approve in ${JSON.stringify(teams.callsIn(chat)).slice(0, 500)}`);
    return { chat, cardId: card.id, data: findExecuteAction(card.card, VERBS.approve)!.data as { requestId: string; planHash: string } };
  }

  function approveThrough(bot: BotProcess, { chat, cardId, data }: { chat: Conversation; cardId: string; data: unknown }, approver = approvers[0]) {
    return teams.click(approver, chat, cardId, VERBS.approve, data, { botUrl: bot.url });
  }

  async function storedRequest(requestId: string): Promise<Record<string, unknown> | undefined> {
    const key = `defender/requests/${requestId}`;
    return (await new BlobsStorage(azurite.connectionString, container).read([key]))[key];
  }

  /** Execution runs in the background of whichever instance won; wait until the stored request is final. */
  async function finalStatus(requestId: string): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = String((await storedRequest(requestId))?.status);
      if (!['pending', 'approved', 'executing'].includes(status)) return status;
      if (Date.now() > deadline) throw new Error(`request ${requestId} still ${status} after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The whole audit chain both instances wrote, verified. */
  async function auditEntries(): Promise<AuditEntry[]> {
    const verdict = verifyAuditChain(await new BlobAuditLog({ container: new ContainerClient(azurite.connectionString, container) }).readAllLines());
    assert.equal(verdict.ok, true, verdict.problem);
    return verdict.entries;
  }

  /** A request's final status is stored before its audit entry is appended: wait for that entry, not for a fixed time. */
  async function auditEntriesOnceRecorded(requestId: string, type: AuditEntry['type']): Promise<AuditEntry[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const entries = await auditEntries();
      if (entries.some((entry) => entry.requestId === requestId && entry.type === type)) return entries;
      if (Date.now() > deadline) throw new Error(`no ${type} audit entry for ${requestId} after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  function putsFor(subscriptionName: string): string[] {
    const subscriptionId = simulator.state.listSubscriptions().find((subscription) => subscription.displayName === subscriptionName)?.subscriptionId;
    assert.ok(subscriptionId, `no simulated subscription "${subscriptionName}"`);
    return simulator.writes().filter((write) => write.path.toLowerCase().includes(subscriptionId.toLowerCase())).map((write) => `${write.method} ${write.path}`);
  }

  function assertOnePutPerPricing(puts: string[]) {
    assert.ok(puts.length > 0, 'something was applied');
    assert.ok(puts.every((put) => put.startsWith('PUT ')), puts.join('\n'));
    assert.equal(new Set(puts).size, puts.length, `a pricing was written twice:\n${puts.join('\n')}`);
  }

  it('both instances are ready on the shared container', async () => {
    for (const bot of bots) {
      const response = await fetch(`${bot.url}/readyz`);
      assert.equal(response.status, 200, await response.text());
    }
  });

  it('a request made through instance A is approved through instance B and applied once', async () => {
    const [a, b] = bots;
    const request = await requestThrough(a, 'Contoso Prod');
    const { data } = request;
    assert.equal((await storedRequest(data.requestId))?.status, 'pending');
    const approved = await approveThrough(b, request);
    assert.equal(approved.status, 200);
    assert.equal(await finalStatus(data.requestId), 'succeeded');
    assertOnePutPerPricing(putsFor('Contoso Prod'));
  });

  it('50 concurrent approvals split across both instances apply exactly once', async () => {
    const request = await requestThrough(bots[1], 'Fabrikam Sandbox');
    const { data } = request;
    const clicks = Array.from({ length: 50 }, (_, index) => approveThrough(bots[index % 2], request, approvers[index % approvers.length]));
    const answers = await Promise.all(clicks);
    assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200]);
    // Every click has been answered, and a click elected to execute records request.executing before it answers: so
    // one such entry now means one executor, without waiting for a second one that might still write.
    const elected = (await auditEntries()).filter((entry) => entry.requestId === data.requestId && entry.type === 'request.executing');
    assert.equal(elected.length, 1, `executors elected: ${elected.length}`);
    assert.equal(await finalStatus(data.requestId), 'succeeded');
    assertOnePutPerPricing(putsFor('Fabrikam Sandbox'));
  });

  it('a storage outage mid-request fails clearly; after it, the same request is approved and applied once', async () => {
    const [a, b] = bots;
    const request = await requestThrough(a, 'Tailspin Staging');
    const { data } = request;
    await gate.cut();
    try {
      const failed = await approveThrough(b, request);
      assert.equal(failed.status, 200);
      assert.match(cardText(failed.body), /did not finish your request; nothing was changed in Azure/);
      const readiness = await fetch(`${b.url}/readyz`);
      const report = JSON.stringify(await readiness.json());
      assert.equal(readiness.status, 503);
      assert.match(report, new RegExp(`BlobStorageUnavailable: could not write at http://127\\.0\\.0\\.1:${gate.port}/devstoreaccount1/${container}`));
      assert.doesNotMatch(report, /AccountKey|Eby8/);
    } finally {
      await gate.restore();
    }
    assert.deepEqual(putsFor('Tailspin Staging'), [], 'nothing was applied during the outage');
    assert.equal((await storedRequest(data.requestId))?.status, 'pending', 'the request survived the outage');
    assert.equal((await approveThrough(b, request)).status, 200);
    assert.equal(await finalStatus(data.requestId), 'succeeded');
    assertOnePutPerPricing(putsFor('Tailspin Staging'));
  });

  it('leaves one audit chain that verifies, with one execution and one outcome for a request applied across instances', async () => {
    const [a, b] = bots;
    const request = await requestThrough(b, 'Adatum Staging');
    const { data } = request;
    assert.equal((await approveThrough(a, request)).status, 200);
    assert.equal(await finalStatus(data.requestId), 'succeeded');
    const entries = await auditEntriesOnceRecorded(data.requestId, 'request.succeeded');
    const count = (type: AuditEntry['type']) => entries.filter((entry) => entry.requestId === data.requestId && entry.type === type).length;
    assert.deepEqual([count('request.created'), count('request.executing'), count('request.succeeded')], [1, 1, 1]);
    // And across everything both instances have written so far: no request executed twice.
    const executions = entries.filter((entry) => entry.type === 'request.executing').map((entry) => entry.requestId);
    assert.equal(new Set(executions).size, executions.length);
  });
});
