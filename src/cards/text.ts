/**
 * Shaping of text that comes from users or Azure (subscription names, reasons, ARM messages).
 * TextBlock and FactSet render markdown, so untrusted text is escaped before it lands there;
 * RichTextBlock TextRuns render no markdown, so long free text goes there unescaped via `plainText`.
 */

const DEFAULT_MAX_LENGTH = 300;

// Invisible characters that only serve to mislead or bloat: control characters (JSON turns each into six
// bytes), bidi overrides and isolates (they reorder what a reader sees), and halves of surrogate pairs.
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One line, trimmed and capped: untrusted text may not add lines, hide characters or flood a phone screen. */
export function plainText(value: string | undefined, maxLength = DEFAULT_MAX_LENGTH): string {
  const singleLine = (value ?? '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (singleLine.length <= maxLength) return singleLine;
  // Never cut a surrogate pair in two: the half left over would be an invalid character.
  return `${singleLine.slice(0, maxLength - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

// Inline markup anywhere: emphasis, links, code, strikethrough, and the escape character itself.
const INLINE_MARKUP = /[\\`*_[\]~<>]/g;
// Block markup only counts at the start of the (single) line: lists, headings, quotes, numbered lists.
// The punctuation is what gets escaped ("1\." not "\1."): a backslash before a digit is no escape.
const LEADING_LIST_OR_HEADING = /^[-+#]/;
const LEADING_NUMBERED_LIST = /^(\d+)([.)])/;

/** Untrusted text for a TextBlock or FactSet: shown literally, not as markdown. */
export function escapeMarkdown(value: string | undefined, maxLength = DEFAULT_MAX_LENGTH): string {
  const escaped = plainText(value, maxLength).replace(INLINE_MARKUP, (character) => `\\${character}`);
  return escaped
    .replace(LEADING_LIST_OR_HEADING, (marker) => `\\${marker}`)
    .replace(LEADING_NUMBERED_LIST, (_marker, digits: string, punctuation: string) => `${digits}\\${punctuation}`);
}

/** "2025-03-04 14:05 UTC": fixed zone and format, so every reader sees the same time whatever their locale. */
export function formatUtc(value: Date | string | undefined): string {
  if (value === undefined || value === '') return 'unknown';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return escapeMarkdown(String(value), 40);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function onOff(isOn: boolean): 'On' | 'Off' {
  return isOn ? 'On' : 'Off';
}

/** "a, b, c and 4 more": a short list for one line of a card. */
export function shortList(items: string[], maxShown: number): string {
  if (items.length <= maxShown) return items.join(', ');
  return `${items.slice(0, maxShown).join(', ')} and ${items.length - maxShown} more`;
}

/** "Code: message", without repeating the code when the message already starts with it (DefenderError does). */
export function withCodeOnce(error: { code: string; message: string }): string {
  return error.message.startsWith(error.code) ? error.message : `${error.code}: ${error.message}`;
}
