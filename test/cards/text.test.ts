import assert from 'node:assert/strict';
import { expandTemplate } from '../../src/cards/expand';
import { escapeMarkdown, formatUtc, plainText, shortList } from '../../src/cards/text';

describe('card text helpers', () => {
  it('escapeMarkdown neutralises emphasis, links, code, lists and headings, and keeps one line', () => {
    assert.equal(escapeMarkdown('**bold** _it_ [a](http://x) `code` ~~s~~'), '\\*\\*bold\\*\\* \\_it\\_ \\[a\\](http://x) \\`code\\` \\~\\~s\\~\\~');
    assert.equal(escapeMarkdown('- item'), '\\- item');
    assert.equal(escapeMarkdown('# Heading'), '\\# Heading');
    assert.equal(escapeMarkdown('> quote'), '\\> quote');
    assert.equal(escapeMarkdown('1. first'), '1\\. first');
    assert.equal(escapeMarkdown('line one\n\n- two'), 'line one - two');
    assert.equal(escapeMarkdown('back\\slash'), 'back\\\\slash');
    assert.equal(escapeMarkdown('Contoso Prod (EU-1)'), 'Contoso Prod (EU-1)', 'ordinary names stay readable');
  });

  it('plainText caps length with an ellipsis', () => {
    assert.equal(plainText('x'.repeat(20), 10), `${'x'.repeat(9)}…`);
    assert.equal(plainText(undefined), '');
  });

  it('plainText drops control, bidi-override and lone surrogate characters, and never splits an emoji', () => {
    assert.equal(plainText('a\u0000b\u001bc\u0085d\u202eevil\u2066e\ud800f'), 'abcdevilef');
    assert.equal(plainText('tab\tand\nnewline'), 'tab and newline', 'whitespace still becomes one space');
    assert.equal(plainText('ab😀cd', 4), 'ab…', 'the emoji does not fit whole, so it goes');
    assert.equal(plainText('ab😀cd', 5), 'ab😀…');
    assert.equal(JSON.stringify(plainText('x\u0001'.repeat(50))), `"${'x'.repeat(50)}"`, 'nothing JSON would escape as \\u0001');
  });

  it('formatUtc renders a fixed UTC form whatever the input type', () => {
    assert.equal(formatUtc('2025-03-04T23:59:59+02:00'), '2025-03-04 21:59 UTC');
    assert.equal(formatUtc(new Date(Date.UTC(2025, 0, 2, 3, 4))), '2025-01-02 03:04 UTC');
    assert.equal(formatUtc('not a *date*'), 'not a \\*date\\*');
    assert.equal(formatUtc(undefined), 'unknown');
  });

  it('shortList summarises the tail', () => {
    assert.equal(shortList(['a', 'b', 'c'], 2), 'a, b and 1 more');
    assert.equal(shortList(['a', 'b'], 2), 'a, b');
  });

  it('the templating engine binds data once: `${...}` inside a value is not expanded again', () => {
    const card = expandTemplate({ text: 'Name: ${name}', other: '${secret}' }, { name: '${$root.secret} ${secret}', secret: 'LEAKED' });
    assert.deepEqual(card, { text: 'Name: ${$root.secret} ${secret}', other: 'LEAKED' });
  });
});
