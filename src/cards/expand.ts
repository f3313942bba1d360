/** Binds a layout-only template to a view model with the official templating engine. */
import * as ACData from 'adaptivecards-templating';
import { AdaptiveCardJson } from './types';

/**
 * Data values are bound, never re-expanded, so a subscription named `${...}` stays literal text.
 * A field missing from the view model would survive as a literal `${field}`: view models supply every field.
 */
export function expandTemplate(template: object, viewModel: object): AdaptiveCardJson {
  return new ACData.Template(template).expand({ $root: viewModel }) as AdaptiveCardJson;
}
