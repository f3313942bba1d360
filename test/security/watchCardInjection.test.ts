/**
 * Threat: alert text injection on the watch card. Whoever can make Defender raise an alert (or write to an API that
 * shows in one) chooses words that land in the approvers' channel: a markdown link "Resolve here", a mention, fake
 * lines, template syntax, a `javascript:` or look-alike portal link. The alert's name, API and subscription are
 * escaped in TextBlocks and facts; its description and steps are TextRuns (no markdown); only https links to the
 * Azure portal become a button; and the buttons carry a finding id, nothing from the alert.
 */
import assert from 'node:assert/strict';
import { DEMO_SEED } from '../../src/azure/simulator';
import { VERBS } from '../../src/cards';
import { findExecuteAction } from '../support/cardText';
import { markdownTexts, validateAdaptiveCard } from '../cards/validateCard';
import type { BotHarness } from '../bot/harness';
import { findingIdOn, raiseAlert, scan, startWatchBot, watchCards } from '../bot/watch/watchWorld';

const LINK = '[Resolve here](https://evil.example/phish)';
const EVIL = `${LINK} **urgent** <at>Avery Approver</at> \${$root.findingId}\n# Resolved by security`;

/** True when the text holds a markdown link, emphasis, a heading or a mention that a TextBlock would render. */
function rendersMarkup(text: string): boolean {
  return /(?<!\\)\[[^\]]*(?<!\\)\]\(/.test(text) || /(?<!\\)\*\*/.test(text) || /^#/m.test(text) || /(?<!\\)<at>/.test(text);
}

describe('security: alert text injection on the watch card', () => {
  let bot: BotHarness;
  before(async () => {
    bot = await startWatchBot({ seed: DEMO_SEED });
    await scan(bot);
    raiseAlert(bot.simulator, {
      alertDisplayName: `Spike ${EVIL}`,
      compromisedEntity: `Echo ${LINK}`,
      description: `Traffic spike. ${EVIL}`,
      remediationSteps: [`Click ${LINK} now`, 'javascript:alert(1)'],
      alertUri: 'https://portal.azure.com.evil.example/#blade/alert',
    });
    await scan(bot);
  });
  after(() => bot.close());

  it('threat: markdown, mentions and template syntax from an alert render as literal text', () => {
    const [{ card }] = watchCards(bot);
    assert.deepEqual(validateAdaptiveCard(card), []);
    for (const text of markdownTexts(card)) assert.ok(!rendersMarkup(text), `a TextBlock or fact would render markup: ${text}`);
    const json = JSON.stringify(card);
    assert.ok(json.includes('${$root.findingId}'), 'template syntax stayed literal (bound as data, not expanded)');
    const runs = JSON.stringify(card).match(/"type":"TextRun","text":"[^"]*Resolve here/g) ?? [];
    assert.ok(runs.length >= 2, 'the description and the step are TextRuns, which render no markdown');
  });

  it('threat: no link from the alert becomes a button unless it is the Azure portal over https', () => {
    const [{ card }] = watchCards(bot);
    assert.ok(!/"type":"Action\.OpenUrl"/.test(JSON.stringify(card)), 'a look-alike portal host gets no Open in portal button');
    const resolve = findExecuteAction(card, VERBS.alertResolve);
    assert.deepEqual(Object.keys(resolve?.data as object), ['findingId'], 'the buttons carry the finding id only');
    assert.match(findingIdOn(card), /^[0-9a-f]{40}$/);
  });
});
