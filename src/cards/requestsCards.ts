/** `requests`: a small header before the live approval cards the bot sends one by one, or the empty state. */
import template from './templates/requestsHeader.json';
import { expandTemplate } from './expand';
import { toneColor } from './tone';
import { AdaptiveCardJson } from './types';

/**
 * `openCount` requests this person can act on; `shownCount` of them follow as cards (the bot caps how many
 * it posts at once). Zero gives the empty-state card.
 */
export function buildRequestsHeaderCard(openCount: number, shownCount = openCount): AdaptiveCardJson {
  if (openCount <= 0) return buildNoOpenRequestsCard();
  const shown = Math.min(shownCount, openCount);
  const detail =
    shown < openCount
      ? `${shown} of them follow below; type \`requests\` again after acting on them to see the rest.`
      : `${shown === 1 ? 'Its card follows' : 'Their cards follow'} below.`;
  return expandTemplate(template, {
    headline: `${openCount} open ${openCount === 1 ? 'request' : 'requests'} you can act on`,
    detail,
    color: toneColor('default'),
  });
}

export function buildNoOpenRequestsCard(): AdaptiveCardJson {
  return expandTemplate(template, {
    headline: 'No open requests for you.',
    detail: 'Requests you can approve, reject or cancel show up here. Type `history` to see finished ones.',
    color: toneColor('good'),
  });
}
