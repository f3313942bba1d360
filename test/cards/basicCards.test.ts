import assert from 'node:assert/strict';
import { buildHelpCard } from '../../src/cards/helpCard';
import { buildMessageCard, MESSAGE_MAX_CHOICES, MESSAGE_MAX_ITEMS } from '../../src/cards/messageCard';
import { buildWorkingCard } from '../../src/cards/workingCard';
import { VERBS } from '../../src/cards/verbs';
import { cardText, collectActions, findUnresolvedPlaceholders, validateAdaptiveCard } from './validateCard';

function assertValid(card: Record<string, unknown>) {
  assert.deepEqual(validateAdaptiveCard(card), []);
  assert.deepEqual(findUnresolvedPlaceholders(card), []);
}

import { USAGE } from '../../src/core/commands/command';

describe('help card', () => {
  it('is valid and lists every command with an example', () => {
    const card = buildHelpCard();
    assertValid(card);
    const text = cardText(card).join('\n');
    // The usage lines are the parser's own, so help cannot drift from what the bot understands.
    for (const command of Object.values(USAGE)) {
      // In a code span: a renderer would drop "<subscription>" from plain text as an unknown HTML tag.
      assert.ok(text.includes(`\`${command}\``), `missing ${command} as code`);
    }
    assert.match(text, /quotes/);
    assert.match(text, /GUID or display name/);
    assert.match(text, /@defender enable \S+ plan P2/);
  });
});

describe('working card', () => {
  it('says it is working and what on, with untrusted text escaped', () => {
    const card = buildWorkingCard('Reading **prod** [x](http://evil)');
    assertValid(card);
    const text = cardText(card);
    assert.equal(text[1], 'Working on it…');
    assert.equal(text[2], 'Reading \\*\\*prod\\*\\* \\[x\\](http://evil)');
  });
});

describe('message card', () => {
  it('renders title, message and next step on a container in the tone', () => {
    const card = buildMessageCard({ title: 'Unknown command', message: 'I do not know "stauts".', nextStep: 'Did you mean `status`? Type `help`.', tone: 'warning' });
    assertValid(card);
    const [title, message, nextStep] = cardText(card);
    assert.equal(title, 'Unknown command');
    assert.equal(message, 'I do not know "stauts".');
    assert.equal(nextStep, 'Did you mean `status`? Type `help`.');
    // The warning container carries the tone; its text stays in the default colour, readable in every host.
    assert.ok(JSON.stringify(card).includes('"style":"warning"'));
    assert.equal(JSON.stringify(card).includes('"color":"Warning"'), false);
    assert.deepEqual(collectActions(card), []);
  });

  it('caps a long list, escapes its items and adds choice buttons with verbs and ids only', () => {
    const visible = Array.from({ length: 40 }, (_, index) => `_sub ${index}_`);
    const card = buildMessageCard({
      title: 'Subscription not found',
      message: 'No subscription named "prod" is visible to the bot.',
      itemsTitle: 'It can see:',
      items: visible,
      choices: Array.from({ length: 8 }, (_, index) => ({ title: `Status of sub ${index}`, verb: VERBS.status, data: { subscriptionId: `id-${index}` } })),
    });
    assertValid(card);
    const text = cardText(card);
    assert.ok(text.includes('• \\_sub 0\\_'));
    assert.ok(!text.includes(`• \\_sub ${MESSAGE_MAX_ITEMS}\\_`));
    assert.ok(text.includes(`…and ${40 - MESSAGE_MAX_ITEMS} more`));
    const actions = (card.actions as Array<Record<string, unknown>>);
    assert.equal(actions.length, MESSAGE_MAX_CHOICES);
    assert.deepEqual(actions[0].data, { subscriptionId: 'id-0' });
    assert.equal(actions[0].verb, 'defender.status');
  });

  it('omits the next step and list when not given', () => {
    const card = buildMessageCard({ title: 'Too many requests', message: 'Azure is throttling the bot.' });
    assertValid(card);
    assert.equal(cardText(card).length, 2);
  });
});
