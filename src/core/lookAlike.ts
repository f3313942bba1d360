/**
 * Subscription names that a person could take for one another: the same letters once confusable characters (Greek ο,
 * Cyrillic а, the digit 0, ...) are mapped to the Latin letter they imitate, case and width are folded, and
 * whitespace and invisible characters are dropped. Modelled on Unicode TR39's "skeleton", with a table of the
 * confusables that matter in names typed in Latin script, not the full data file.
 */
import type { Subscription } from './defender';

/** Before case folding, so that capital I can stand for small l (as in "lnternal"). */
const CONFUSABLE_CAPITALS: Record<string, string> = { I: 'l' };

const CONFUSABLES: Record<string, string> = {
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ζ: 'z', ς: 'c',
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i',
  ї: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɡ: 'g',
  // Digits and marks that pass for letters
  '0': 'o', '1': 'l', '|': 'l', 'ı': 'i',
};

/** Zero-width and other format characters (U+200B, U+200D, U+FEFF, bidi controls, ...), and every kind of space. */
const INVISIBLE_OR_SPACE = /[\p{Cf}\p{Z}\s]/gu;

export function nameSkeleton(name: string): string {
  const mapped = [...name.normalize('NFKC').replace(INVISIBLE_OR_SPACE, '')]
    .map((character) => CONFUSABLE_CAPITALS[character] ?? character)
    .join('')
    .toLowerCase();
  return [...mapped]
    .map((character) => CONFUSABLES[character] ?? character)
    .join('')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

/** Other visible subscriptions whose name could be taken for this one's (the same name included). */
export type LookAlikeFinder = (subscription: Subscription) => Subscription[];

/** Builds the lookup once per list, so checking every target of a fleet request stays linear. */
export function lookAlikeFinder(visible: Subscription[]): LookAlikeFinder {
  const bySkeleton = new Map<string, Subscription[]>();
  for (const subscription of visible) {
    const skeleton = nameSkeleton(subscription.displayName);
    bySkeleton.set(skeleton, [...(bySkeleton.get(skeleton) ?? []), subscription]);
  }
  return (subscription) =>
    (bySkeleton.get(nameSkeleton(subscription.displayName)) ?? []).filter(
      (other) => other.subscriptionId.toLowerCase() !== subscription.subscriptionId.toLowerCase(),
    );
}
