/** `enable <sub>`: exactly what would change, what it costs, and what happens next. */
import template from './templates/enablePreview.json';
import { changeFacts } from './changeFacts';
import { lookAlikeWarning } from './lookAlikeWarning';
import { expandTemplate } from './expand';
import { EnablePreviewCardModel } from './models';
import { escapeMarkdown, plural } from './text';
import { bannerTextColor, toneContainerStyle } from './tone';
import { AdaptiveCardJson } from './types';

export const COST_NOTE =
  'Defender for APIs bills per subscription by plan (P1 by default); Defender CSPM bills per billable resource.';

export function enablePreviewCardView(model: EnablePreviewCardModel) {
  const { plan } = model;
  const changeCount = plan.changes.length;
  const nothingToChange = changeCount === 0;
  const tone = nothingToChange ? 'good' : 'default';
  const approvals = plural(model.minApprovals, 'approval');
  const nextStep = nothingToChange
    ? 'No request was made and no approval is needed.'
    : model.requestId
      ? `Sent for approval as request ${escapeMarkdown(model.requestId, 60)}: it needs ${approvals}. Nothing changes until then. The approval card follows.`
      : `Next: this goes to the approvers; it needs ${approvals} before anything changes.`;
  return {
    title: `Enable Defender for APIs · ${escapeMarkdown(plan.subscriptionName, 80)}`,
    subscriptionId: escapeMarkdown(plan.subscriptionId, 60),
    headline: nothingToChange
      ? '✅ Nothing to change: Defender for APIs and API security posture are already on.'
      : `${plural(changeCount, 'change')} to make (Defender for APIs plan ${escapeMarkdown(plan.apiSubPlan, 4)}):`,
    headlineColor: bannerTextColor(tone),
    headlineStyle: toneContainerStyle(tone),
    hasChanges: !nothingToChange,
    changes: changeFacts(plan.changes),
    costNote: COST_NOTE,
    nextStep,
    hasLookAlike: Boolean(lookAlikeWarning(plan)),
    lookAlike: lookAlikeWarning(plan) ?? '',
  };
}

export function buildEnablePreviewCard(model: EnablePreviewCardModel): AdaptiveCardJson {
  return expandTemplate(template, enablePreviewCardView(model));
}
