/** Random command texts: unicode noise, the grammar with hostile arguments, mention markup, HTML, long strings. */
import fc from 'fast-check';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { MAX_COMMAND_LENGTH } from '../../../src/core/commands/command';

const COMMAND_WORDS = ['help', '?', 'status', 'posture', 'alerts', 'list', 'enable', 'requests', 'history', 'revert', 'onboard', 'register', 'STATUS', '/enable', 'enabel', 'stat', 'alert'];
const HOSTILE_ARGUMENTS = [
  '"Contoso Prod"', 'Contoso Prod', 'contoso', '"Contoso Dev" plan P3', 'all', '"all"', 'Contoso Prod, Contoso Dev',
  ...Object.values(DEMO_SUBSCRIPTIONS),
  '../../providers/Microsoft.Security/pricings/Api', '%2e%2e%2f', '${requester.name}', '[x](https://evil.example)',
  '<script>alert(1)</script>', '"unterminated', '“curly”', 'plan P9', 'plan', 'req_aaaaaaaaaaaaaaaaaaaa', '__proto__', 'constructor',
];

const argument = fc.oneof(
  fc.constantFrom(...HOSTILE_ARGUMENTS),
  fc.string({ maxLength: 40 }),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const grammarCommand = fc
  .tuple(fc.constantFrom(...COMMAND_WORDS), fc.constantFrom('', 'sub ', 'subscription '), fc.array(argument, { maxLength: 3 }), fc.constantFrom('', ' P2', ' plan P5', ' plan X'))
  .map(([word, sub, args, plan]) => `${word} ${sub}${args.join(' ')}${plan}`);

const wrapInMarkup = (text: string) =>
  fc.constantFrom(
    text,
    `<at>defender</at> ${text}`,
    `<p>${text}</p>`,
    `<at>someone else</at> <span>${text}</span>&nbsp;`,
    `\u200b${text}\ufeff`,
    `<at>${text}`,
    `${text}</at><at>`,
  );

const longText = fc.tuple(fc.integer({ min: MAX_COMMAND_LENGTH - 5, max: 5 * MAX_COMMAND_LENGTH }), fc.constantFrom('x', 'status ', '<at>', '<p>', 'é', '😀')).map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

export const commandText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 3 },
  { arbitrary: grammarCommand.chain(wrapInMarkup), weight: 5 },
  { arbitrary: longText, weight: 1 },
);
