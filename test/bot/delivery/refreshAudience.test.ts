import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { RefreshAudience } from '../../../src/bot/delivery/refreshAudience';
import { connectorFailure, withConnectorRetries } from '../../../src/bot/delivery/connectorRetry';
import { createLogger } from '../../../src/logging';
import { ManualClock } from '../../support/manualClock';

const A = 'aaaaaaaa-0000-4000-8000-0000000000a1';
const B = 'aaaaaaaa-0000-4000-8000-0000000000a2';
const REQUESTER = 'aaaaaaaa-0000-4000-8000-0000000000a3';

const contextIn = (conversationId: string) => ({ activity: { conversation: { id: conversationId } } }) as unknown as TurnContext;

describe('RefreshAudience', () => {
  it('resolves object ids to MRIs from the roster, once per conversation, and falls back to 8:orgid', async () => {
    const asked: string[] = [];
    const roster = new Map([[A, '29:avery'], [REQUESTER, '29:riley']]);
    const audience = new RefreshAudience({ approvers: [A, B] }, new ManualClock(), createLogger({ level: 'silent' }), async (context, objectId) => {
      asked.push(`${context.activity.conversation.id}|${objectId}`);
      const mri = roster.get(objectId);
      if (!mri) throw Object.assign(new Error('MemberNotFoundInConversation'), { statusCode: 404 });
      return mri;
    });
    const request = { requester: { id: REQUESTER, name: 'Riley' } };
    assert.deepEqual(await audience.userIdsFor(contextIn('19:chat'), request, ['29:clicker', '29:avery']), ['29:avery', `8:orgid:${B}`, '29:riley', '29:clicker']);
    await audience.userIdsFor(contextIn('19:chat;messageid=42'), request);
    assert.equal(asked.length, 3, 'a thread of the same conversation reuses the answers');
    await audience.userIdsFor(contextIn('a:personal'), request);
    assert.equal(asked.length, 6, 'another conversation has its own roster');
  });
});

describe('connector retries', () => {
  const failing = (status: number, retryAfter?: string) =>
    Object.assign(new Error(String(status)), { statusCode: status, response: { status, headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } } });

  it('retries 412, 429 (after Retry-After) and 502/503/504, a bounded number of times; nothing else', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const statuses = [429, 412, 502, 503, 504];
    let calls = 0;
    assert.equal(await withConnectorRetries(async () => {
      if (calls < statuses.length) throw failing(statuses[calls++], calls === 1 ? '2' : undefined);
      calls++;
      return 'updated';
    }, { sleep, baseDelayInMs: 100, maxAttempts: 6 }), 'updated');
    assert.equal(waits[0], 2000, 'Retry-After is honoured');
    assert.equal(waits.length, 5);

    let forbidden = 0;
    await assert.rejects(withConnectorRetries(async () => {
      forbidden++;
      throw failing(403);
    }, { sleep }));
    assert.equal(forbidden, 1, 'a 403 is not retried');

    let throttled = 0;
    await assert.rejects(withConnectorRetries(async () => {
      throttled++;
      throw failing(429, '1');
    }, { sleep, maxAttempts: 4 }));
    assert.equal(throttled, 4, 'bounded');
    assert.deepEqual(connectorFailure(failing(429, '3')), { status: 429, retryAfterMs: 3000 });
  });
});
