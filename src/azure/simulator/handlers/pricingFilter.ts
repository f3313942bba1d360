/**
 * The OData `$filter` forms the pricings list accepts: `name in (Api,CloudPosture)` (the bot's form, as in the
 * spec's example), quoted items `name in ('Api', 'CloudPosture')`, and `name eq 'Api'`.
 */
import { ArmError } from '../armErrors';
import { findPlan, knownPlanNames } from '../pricingCatalog';

const IN_FORM = /^\s*name\s+in\s*\((.*)\)\s*$/i;
const EQ_FORM = /^\s*name\s+eq\s+(.+?)\s*$/i;

/** Canonical plan names selected by the filter; undefined when there is no filter. */
export function parsePricingFilter(filter: string | null): string[] | undefined {
  if (filter === null) return undefined;
  const names = splitFilter(filter);
  if (!names || names.length === 0 || names.some((name) => name === '')) {
    throw new ArmError(400, 'InvalidFilter', `The $filter "${filter}" is not supported. Use "name in (Api,CloudPosture)" or "name eq 'Api'".`);
  }
  return names.map((name) => {
    const plan = findPlan(name);
    if (!plan) throw new ArmError(400, 'InvalidFilter', `The $filter names "${name}", which is not a Defender plan. Known plans: ${knownPlanNames()}.`);
    return plan.name;
  });
}

function splitFilter(filter: string): string[] | undefined {
  const inMatch = IN_FORM.exec(filter);
  if (inMatch) return inMatch[1].split(',').map(unquote);
  const eqMatch = EQ_FORM.exec(filter);
  if (eqMatch) return [unquote(eqMatch[1])];
  return undefined;
}

function unquote(item: string): string {
  const trimmed = item.trim();
  const quoted = /^'(.*)'$/.exec(trimmed) ?? /^"(.*)"$/.exec(trimmed);
  return (quoted ? quoted[1] : trimmed).trim();
}
