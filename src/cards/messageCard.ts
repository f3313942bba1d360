/** Message / error card: title, what went wrong, what to do next, and an optional list or choices. */
import template from './templates/message.json';
import { executeAction } from './actions';
import { expandTemplate } from './expand';
import { MessageCardModel } from './models';
import { escapeMarkdown, plainText } from './text';
import { bannerTextColor, toneContainerStyle } from './tone';
import { AdaptiveCardJson } from './types';

/** Long lists (e.g. 300 visible subscriptions) would bury the message; the rest is summarised. */
export const MESSAGE_MAX_ITEMS = 15;
/** Teams shows about six card actions in a row before folding; more would hide the choices. */
export const MESSAGE_MAX_CHOICES = 5;

export function messageCardView(model: MessageCardModel) {
  const tone = model.tone ?? 'attention';
  const items = model.items ?? [];
  const shownItems = items.slice(0, MESSAGE_MAX_ITEMS).map((item) => `• ${escapeMarkdown(item, 120)}`);
  if (items.length > MESSAGE_MAX_ITEMS) shownItems.push(`…and ${items.length - MESSAGE_MAX_ITEMS} more`);
  return {
    title: escapeMarkdown(model.title, 120),
    message: escapeMarkdown(model.message, 600),
    color: bannerTextColor(tone),
    containerStyle: toneContainerStyle(tone),
    hasNextStep: Boolean(model.nextStep),
    nextStep: model.nextStep ?? '',
    hasItems: items.length > 0,
    itemsTitle: escapeMarkdown(model.itemsTitle ?? '', 120),
    items: shownItems,
    actions: (model.choices ?? []).slice(0, MESSAGE_MAX_CHOICES).map((choice) =>
      // Button titles render no markdown: plain text, not escaped.
      executeAction({ title: plainText(choice.title, 60), verb: choice.verb, data: choice.data }),
    ),
  };
}

export function buildMessageCard(model: MessageCardModel): AdaptiveCardJson {
  return expandTemplate(template, messageCardView(model));
}
