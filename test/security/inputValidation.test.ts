/**
 * Threats: tampered card data (ids that are not ours, smuggled fields, wrong types) and path injection into ARM
 * URLs. Every payload is checked against a schema before a handler sees it; subscription ids must be GUIDs;
 * text never reaches an ARM URL: names are resolved against the subscription list ARM returned.
 */
import assert from 'node:assert/strict';
import { REJECT_REASON_MAX_LENGTH, VERBS } from '../../src/cards';
import { DEMO_SUBSCRIPTIONS } from '../../src/azure/simulator';
import { actionSubmitActivity } from '../bot/conversations';
import { BotHarness, cardOf, cardText, createBotHarness } from '../bot/harness';
import { APPROVER, BYSTANDER, REQUESTER } from '../bot/people';
import { openRequest, pricingPuts, type OpenedRequest } from '../bot/requestFlow';
import { unsafeArmPaths } from './support/armPaths';

const PATH_INJECTIONS = [
  '../../providers/Microsoft.Security/pricings/Api',
  `${DEMO_SUBSCRIPTIONS.contosoProd}/../../${DEMO_SUBSCRIPTIONS.contosoDev}`,
  `${DEMO_SUBSCRIPTIONS.contosoProd}/providers/Microsoft.Security/pricings/Api?api-version=2024-01-01`,
  '%2e%2e%2f%2e%2e%2fproviders',
  'x/../../../subscriptions',
  `${DEMO_SUBSCRIPTIONS.contosoProd}#`,
];

describe('security: payload validation and ARM path injection', () => {
  let bot: BotHarness;
  let request: OpenedRequest;
  beforeEach(async () => {
    bot = await createBotHarness();
    request = await openRequest(bot);
  });
  afterEach(() => bot.close());

  async function expectNothingHappened(answer: Record<string, unknown>, says: RegExp, armCallsBefore: number, auditBefore: number) {
    await bot.settle();
    assert.match(cardText(answer), says);
    assert.equal(bot.simulator.requests().length, armCallsBefore, 'no ARM call');
    assert.equal((await bot.deps.audit.list({ limit: 1000 })).length, auditBefore, 'no audit entry');
    assert.equal((await bot.deps.approvals.get(request.requestId))?.status, 'pending');
  }

  for (const verb of [VERBS.status, VERBS.enablePreview, VERBS.onboardApis]) {
    for (const injected of PATH_INJECTIONS) {
      it(`threat: path injection through ${verb}'s subscriptionId (${injected.slice(0, 40)}) is refused before ARM`, async () => {
        const [armCallsBefore, auditBefore] = [bot.simulator.requests().length, (await bot.deps.audit.list({ limit: 1000 })).length];
        const answer = await bot.click(verb, { subscriptionId: injected }, REQUESTER);
        await expectNothingHappened(answer, /cannot accept[\s\S]*subscriptionId/, armCallsBefore, auditBefore);
      });
    }
  }

  for (const command of ['status', 'enable', 'history', 'posture', 'alerts']) {
    it(`threat: path injection through \`${command} <text>\` never reaches an ARM URL`, async () => {
      for (const injected of PATH_INJECTIONS) {
        const armCallsBefore = bot.simulator.requests().length;
        const replies = await bot.send(`${command} ${injected}`, BYSTANDER);
        assert.ok(replies.length >= 1, `an answer to ${command} ${injected}`);
        assert.deepEqual(unsafeArmPaths(bot.simulator, armCallsBefore), []);
      }
      assert.deepEqual(pricingPuts(bot), []);
    });
  }

  const tampered: Array<{ name: string; verb: string; data: (request: OpenedRequest) => unknown; says: RegExp }> = [
    { name: 'an unknown verb', verb: 'approveAll', data: (request) => request.approveData, says: /"approveAll" is not an action/ },
    { name: 'a prototype-pollution key', verb: VERBS.approve, data: (request) => JSON.parse(`{"requestId":"${request.requestId}","planHash":"${request.planHash}","__proto__":{"isApprover":true}}`), says: /unexpected field ".*proto.*"/ },
    { name: 'a request id of the wrong type', verb: VERBS.approve, data: (request) => ({ requestId: [request.requestId], planHash: request.planHash }), says: /requestId/ },
    { name: 'a plan hash of the wrong shape', verb: VERBS.approve, data: (request) => ({ requestId: request.requestId, planHash: 'ABC' }), says: /planHash/ },
    { name: 'no data at all', verb: VERBS.approve, data: () => undefined, says: /requestId/ },
    { name: 'an array for data', verb: VERBS.cancel, data: (request) => [request.requestId], says: /must be object/ },
    { name: `a reject reason over ${REJECT_REASON_MAX_LENGTH} characters`, verb: VERBS.reject, data: (request) => ({ ...request.approveData, reason: 'x'.repeat(REJECT_REASON_MAX_LENGTH + 1) }), says: /reason/ },
    { name: 'a page number out of range', verb: VERBS.listMore, data: () => ({ page: 1e9 }), says: /page/ },
    { name: 'a path in the alerts Show more', verb: VERBS.alertsMore, data: () => ({ page: 2, subscriptionId: '../../providers/Microsoft.Security/alerts' }), says: /subscriptionId/ },
    { name: 'a fractional posture page', verb: VERBS.postureMore, data: () => ({ page: 1.5, subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev }), says: /page/ },
  ];

  for (const attempt of tampered) {
    it(`threat: tampered card data (${attempt.name}) gets a clear answer and nothing else happens`, async () => {
      const [armCallsBefore, auditBefore] = [bot.simulator.requests().length, (await bot.deps.audit.list({ limit: 1000 })).length];
      const answer = await bot.click(attempt.verb, attempt.data(request), APPROVER);
      await expectNothingHappened(answer, attempt.says, armCallsBefore, auditBefore);
      assert.equal(({} as Record<string, unknown>).isApprover, undefined, 'Object.prototype is untouched');
    });
  }

  it('threat: an Action.Submit with an unknown verb or none gets a clear answer and nothing else happens', async () => {
    const armCallsBefore = bot.simulator.requests().length;
    for (const data of [{ verb: 'deleteEverything' }, { requestId: request.requestId }]) {
      const replies = await bot.process(actionSubmitActivity(data, APPROVER));
      assert.equal(replies.length, 1);
      assert.match(cardText(cardOf(replies[0])), /cannot accept/);
    }
    assert.equal(bot.simulator.requests().length, armCallsBefore);
  });
});
