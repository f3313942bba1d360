/**
 * Command text → Command. Case-insensitive; the word `sub` is optional; a subscription is a GUID or a
 * display name, in quotes when it has spaces ("Contoso Prod") though unquoted words work too.
 * Mentions (`<at>defender</at>`) are stripped first, whatever channel they came from.
 */
import { API_SUB_PLANS, ApiSubPlan } from '../defender';
import { Command, CommandName, COMMAND_NAMES, MAX_COMMAND_LENGTH, USAGE } from './command';
import { closestCommand } from './closestCommand';
import { isRequestId } from '../approval';

export function normaliseCommandText(text: string): string {
  return text
    .replace(/<at[^>]*>.*?<\/at>/gi, ' ')
    .replace(/&nbsp;|\u00a0/gi, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/<\/?[a-z][^>]*>/gi, ' ') // Teams can wrap text in <p> or <span>
    .replace(/\s+/g, ' ')
    .trim();
}

/** Removes surrounding straight or curly quotes, which Teams clients produce on their own. */
function unquote(text: string): string {
  const match = /^["'“”‘’](.*)["'“”‘’]$/.exec(text.trim());
  return (match ? match[1] : text).trim();
}

/** Drops the optional leading word `sub` / `subscription`. */
function withoutSubKeyword(rest: string): string {
  return rest.replace(/^(sub|subscription)\b\s*/i, '');
}

function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}

/** Splits "A, \"B, Inc\", C" on the commas outside quotes. */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of text) {
    if (quote && (char === quote || (quote === '“' && char === '”') || (quote === '‘' && char === '’'))) quote = undefined;
    else if (!quote && /["'“‘]/.test(char) && current.trim() === '') quote = char;
    if (char === ',' && !quote) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

function parseEnable(rest: string): Command {
  // "<sub> [plan] P1..P5": a name that itself ends in " P2" must be quoted.
  const planMatch = /^(.*?)\s*(?:\bplan\s+)?\b(p[1-5])$/i.exec(rest);
  const badPlan = /\bplan\s+(\S+)$/i.exec(rest);
  if (!planMatch && badPlan) {
    return { kind: 'invalid', command: 'enable', problem: `"${badPlan[1]}" is not a Defender for APIs plan; use one of ${API_SUB_PLANS.join(', ')}`, usage: USAGE.enable };
  }
  const plan = planMatch ? { apiSubPlan: planMatch[2].toUpperCase() as ApiSubPlan } : {};
  const target = withoutSubKeyword(planMatch ? planMatch[1] : rest);
  // Unquoted `all` is the fleet; a subscription really named "all" is written in quotes.
  if (/^all$/i.test(target)) return { kind: 'enableMany', subscriptions: 'all', ...plan };
  const names = splitOutsideQuotes(target).map((name) => unquote(withoutSubKeyword(name)));
  if (names.length > 1) {
    if (names.some((name) => !name)) return { kind: 'invalid', command: 'enable', problem: 'a subscription is missing between two commas', usage: USAGE.enable };
    return { kind: 'enableMany', subscriptions: [...new Set(names)], ...plan };
  }
  const subscription = names[0];
  if (!subscription) return { kind: 'invalid', command: 'enable', problem: 'which subscription?', usage: USAGE.enable };
  return { kind: 'enable', subscription, ...plan };
}

/** Commands about exactly one subscription: `status`, `posture`, `onboard`. */
function oneSubscription(kind: 'status' | 'posture' | 'onboard', rest: string): Command {
  const subscription = unquote(withoutSubKeyword(rest));
  return subscription ? { kind, subscription } : { kind: 'invalid', command: kind, problem: 'which subscription?', usage: USAGE[kind] };
}

function parseRegister(rest: string): Command {
  return /^(the\s+)?approvals?\s+channel$/i.test(rest)
    ? { kind: 'registerApprovalChannel' }
    : { kind: 'invalid', command: 'register', problem: 'only the approvers\' channel can be registered', usage: USAGE.register };
}

export function parseCommand(rawText: string): Command {
  const text = normaliseCommandText(rawText);
  if (text.length > MAX_COMMAND_LENGTH) {
    return { kind: 'unknown', text: text.slice(0, 40) + '…' };
  }
  const [firstWord = '', ...restWords] = text.split(' ');
  const word = firstWord.toLowerCase().replace(/^\//, '');
  const rest = restWords.join(' ').trim();

  if (word === '?' || word === 'help') return { kind: 'help' };
  if (!isCommandName(word)) return { kind: 'unknown', text, suggestion: closestCommand(word) };

  switch (word) {
    case 'help':
      return { kind: 'help' };
    case 'list':
    case 'requests':
      return { kind: word };
    case 'status':
    case 'posture':
    case 'onboard':
      return oneSubscription(word, rest);
    case 'history':
    case 'alerts': {
      const subscription = unquote(withoutSubKeyword(rest));
      return subscription ? { kind: word, subscription } : { kind: word };
    }
    case 'enable':
      return parseEnable(rest);
    case 'revert': {
      const requestId = unquote(rest);
      return isRequestId(requestId.toLowerCase())
        ? { kind: 'revert', requestId: requestId.toLowerCase() }
        : { kind: 'invalid', command: 'revert', problem: requestId ? `"${requestId.slice(0, 40)}" is not a request id (they look like req_…)` : 'which request?', usage: USAGE.revert };
    }
    case 'register':
      return parseRegister(rest);
  }
}
