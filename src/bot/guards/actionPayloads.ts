/**
 * Every card action's data is checked against a schema before a handler sees it. Card data is untrusted:
 * anyone can post an invoke with any payload, so only ids and hashes of the expected shape get through.
 */
import Ajv, { ValidateFunction } from 'ajv';
import { REJECT_REASON_MAX_LENGTH, VERBS } from '../../cards';
import { REQUEST_ID_PATTERN } from '../../core/approval';
import { API_SUB_PLANS } from '../../core/defender';
import { FINDING_ID_PATTERN } from '../../core/watch/findings';

const GUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const requestId = { type: 'string', pattern: REQUEST_ID_PATTERN.source };
const planHash = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const subscriptionId = { type: 'string', pattern: GUID };
/** A watch finding, by the id the bot gave it: the alert itself is looked up in the bot's own store. */
const findingId = { type: 'string', pattern: FINDING_ID_PATTERN.source };
const apiSubPlan = { type: 'string', enum: [...API_SUB_PLANS] };
/** 1-based page of a paged card. */
const page = { type: 'integer', minimum: 1, maximum: 1000 };

/** Keys clients add on their own: `verb` on an Action.Submit fallback, `msteams` on Teams submits. */
const clientKeys = { verb: { type: 'string', maxLength: 64 }, msteams: { type: 'object' } };

function objectSchema(properties: Record<string, object>, required: string[]) {
  return { type: 'object', properties: { ...properties, ...clientKeys }, required, additionalProperties: false };
}

export const ACTION_SCHEMAS = {
  [VERBS.enablePreview]: objectSchema({ subscriptionId }, ['subscriptionId']),
  [VERBS.status]: objectSchema({ subscriptionId }, ['subscriptionId']),
  [VERBS.approve]: objectSchema({ requestId, planHash }, ['requestId', 'planHash']),
  [VERBS.reject]: objectSchema({ requestId, planHash, reason: { type: 'string', maxLength: REJECT_REASON_MAX_LENGTH } }, ['requestId', 'planHash']),
  [VERBS.cancel]: objectSchema({ requestId, planHash }, ['requestId']),
  [VERBS.refreshRequest]: objectSchema({ requestId }, ['requestId']),
  [VERBS.retry]: objectSchema({ requestId, planHash }, ['requestId']),
  [VERBS.listMore]: objectSchema({ page }, ['page']),
  [VERBS.requestPage]: objectSchema({ requestId, page }, ['requestId', 'page']),
  [VERBS.onboardApis]: objectSchema({ subscriptionId }, ['subscriptionId']),
  [VERBS.postureMore]: objectSchema({ subscriptionId, page }, ['subscriptionId', 'page']),
  [VERBS.alertsMore]: objectSchema({ subscriptionId, page }, ['page']),
  [VERBS.reenable]: objectSchema({ subscriptionId, apiSubPlan }, ['subscriptionId']),
  [VERBS.alertTake]: objectSchema({ findingId }, ['findingId']),
  [VERBS.alertResolve]: objectSchema({ findingId }, ['findingId']),
} as const;

export type KnownVerb = keyof typeof ACTION_SCHEMAS;

const ajv = new Ajv({ allErrors: false, strict: true });
const validators = new Map<string, ValidateFunction>(Object.entries(ACTION_SCHEMAS).map(([verb, schema]) => [verb, ajv.compile(schema)]));

export function isKnownVerb(verb: unknown): verb is KnownVerb {
  return typeof verb === 'string' && validators.has(verb);
}

/** Undefined when the data is valid for the verb; otherwise one sentence saying what is wrong. */
export function payloadProblem(verb: KnownVerb, data: unknown): string | undefined {
  const validate = validators.get(verb)!;
  if (validate(data ?? {})) return undefined;
  const error = validate.errors?.[0];
  const where = error?.instancePath ? `"${error.instancePath.slice(1)}"` : 'the action data';
  return error?.keyword === 'additionalProperties'
    ? `the action data has an unexpected field "${(error.params as { additionalProperty: string }).additionalProperty}"`
    : `${where} ${error?.message ?? 'is not valid'}`;
}
