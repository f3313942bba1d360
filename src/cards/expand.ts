/** Binds a layout-only template to a view model with the official templating engine. */
import * as ACData from 'adaptivecards-templating';
import { AdaptiveCardJson } from './types';

/**
 * Parsed once per template: the Template constructor runs every string through adaptive-expressions' ANTLR
 * parser (about 2 ms a card), while expanding a parsed one takes well under 0.1 ms. expand() is synchronous
 * and does not mutate the Template, so one instance serves every turn.
 */
const parsedTemplates = new WeakMap<object, ACData.Template>();

/**
 * Data values are bound, never re-expanded, so a subscription named `${...}` stays literal text.
 * A field missing from the view model would survive as a literal `${field}`: view models supply every field.
 */
export function expandTemplate(template: object, viewModel: object): AdaptiveCardJson {
  let parsed = parsedTemplates.get(template);
  if (!parsed) parsedTemplates.set(template, (parsed = new ACData.Template(template)));
  return parsed.expand({ $root: viewModel }) as AdaptiveCardJson;
}
