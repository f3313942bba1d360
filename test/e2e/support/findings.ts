/**
 * What this run observed about the playground, written to test-results/e2e/playground-findings.json and
 * summarised in docs/playground.md. Observations, not assertions: a newer playground may behave better.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VERBS } from '../../../src/cards/verbs';
import type { TappedActivity } from './activityTap';
import { RESULTS_DIR } from './environment';

export interface PlaygroundFindings {
  activitiesByKind: Record<string, number>;
  everyUserActivityHasAadObjectId: boolean;
  /** Universal Actions: `adaptiveCard/action` invokes with trigger "automatic" (card refresh). */
  automaticRefreshInvokes: number;
  refreshVerbInvokes: number;
  /** Did a card change to "done" with nobody clicking (the bot's updateActivity)? */
  updatedInPlace: boolean;
  mentionTextExample?: string;
  timings: Record<string, number>;
}

export function writeFindings(activities: TappedActivity[], observed: { updatedInPlace: boolean; timings: Record<string, number> }): PlaygroundFindings {
  const activitiesByKind: Record<string, number> = {};
  for (const activity of activities) {
    const kind = activity.name ? `${activity.type}/${activity.name}` : `${activity.type}`;
    activitiesByKind[kind] = (activitiesByKind[kind] ?? 0) + 1;
  }
  const userActivities = activities.filter((activity) => activity.type === 'message' || activity.type === 'invoke');
  const cardActions = activities.filter((activity) => activity.type === 'invoke' && activity.name === 'adaptiveCard/action');
  const findings: PlaygroundFindings = {
    activitiesByKind,
    everyUserActivityHasAadObjectId: userActivities.length > 0 && userActivities.every((activity) => Boolean(activity.from?.aadObjectId)),
    automaticRefreshInvokes: cardActions.filter((activity) => activity.value?.trigger === 'automatic').length,
    refreshVerbInvokes: cardActions.filter((activity) => activity.value?.action?.verb === VERBS.refreshRequest).length,
    updatedInPlace: observed.updatedInPlace,
    mentionTextExample: activities.find((activity) => activity.text?.includes('<at>'))?.text,
    timings: observed.timings,
  };
  fs.writeFileSync(path.join(RESULTS_DIR, 'playground-findings.json'), JSON.stringify(findings, null, 2));
  return findings;
}
