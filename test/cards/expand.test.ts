import assert from 'node:assert/strict';
import { expandTemplate } from '../../src/cards/expand';

describe('expandTemplate', () => {
  const template = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '${title}' }, { type: 'Container', $data: '${rows}', items: [{ type: 'TextBlock', text: '${name}' }] }] };

  it('reuses one parsed template across expansions without leaking data between them', () => {
    const first = expandTemplate(template, { title: 'First', rows: [{ name: 'a' }, { name: 'b' }] });
    const second = expandTemplate(template, { title: 'Second', rows: [{ name: 'c' }] });
    const again = expandTemplate(template, { title: 'First', rows: [{ name: 'a' }, { name: 'b' }] });
    assert.deepEqual(again, first);
    assert.equal(JSON.stringify(second).includes('"a"'), false);
    assert.match(JSON.stringify(second), /Second.*"c"/);
    assert.equal((template.body[0] as { text: string }).text, '${title}', 'the template object itself is untouched');
  });
});
