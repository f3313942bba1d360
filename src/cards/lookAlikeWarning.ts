/** The warning a preview or request card shows when the subscription's name could be taken for another one's. */
import type { PlanSummary } from './models';
import { plainText, shortList } from './text';

/** Plain text (for a TextRun, which renders no markdown), or undefined when no other name looks alike. */
export function lookAlikeWarning(plan: Pick<PlanSummary, 'subscriptionName' | 'subscriptionId' | 'lookAlikes'>): string | undefined {
  const others = plan.lookAlikes ?? [];
  if (others.length === 0) return undefined;
  const named = others.map((other) => `“${plainText(other.displayName, 60)}” (${plainText(other.subscriptionId, 40)})`);
  return plainText(
    `⚠️ Look-alike name: “${plainText(plan.subscriptionName, 60)}” (${plan.subscriptionId}) looks like ${shortList(named, 3)}. ` +
      'Check the subscription id before you go on.',
    600,
  );
}
