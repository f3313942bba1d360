/**
 * One person's tab on the Agents Playground: pick a conversation, send a message (with an @mention where
 * Teams needs one), wait for the bot's cards by their text, press card buttons, take screenshots.
 * Selectors are the playground 0.2.28's accessible names plus the Adaptive Cards renderer's `ac-` classes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { pollUntil } from './poll';

export type ConversationName = 'Personal Chat' | 'Cloud Admins' | 'Cloud Platform - General' | 'Cloud Platform - Security Ops';

/** A bot answer under a second is normal; under load, a turn with ARM calls can take many seconds. */
const CARD_TIMEOUT_MS = 45_000;
const BOT_NAME = 'Defender';
/** The Adaptive Cards renderer's panel around each card, in chats and channel threads alike. */
const CARD_SELECTOR = '.ac-preview-panel';
const SEEN_ATTRIBUTE = 'data-e2e-seen';
/** Room for the person's message and the bot's name above a card, and a little air below. */
const SCREENSHOT_CONTEXT_ABOVE_PX = 150;
const SCREENSHOT_MARGIN_BELOW_PX = 24;
/** The bot's avatar sits left of its cards. */
const SCREENSHOT_MARGIN_LEFT_PX = 90;

export class PlaygroundPage {
  private conversation: ConversationName = 'Personal Chat';

  private constructor(readonly who: string, readonly page: Page) {}

  static async open(context: BrowserContext, who: string, url: string): Promise<PlaygroundPage> {
    const page = await context.newPage();
    // No internet here: the playground's web fonts (Office CDN) would only stall the page load.
    await page.route((target) => !['localhost', '127.0.0.1'].includes(target.hostname), (route) => route.abort());
    // Its 4 MB deferred bundle holds up DOMContentLoaded for many seconds on a busy machine, so wait for the
    // conversation list instead: that means the app is up.
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    await page.getByRole('treeitem', { name: 'Personal Chat' }).waitFor({ timeout: 120_000 });
    // The log panel opens by default; without it the chat is wider and the screenshots read better.
    await page.getByTitle('Hide log panel').click({ timeout: 30_000 });
    return new PlaygroundPage(who, page);
  }

  /**
   * Switches the view and waits until it has: counting cards before the old view is gone would count the wrong
   * conversation's cards. A channel shows a "Start a new post" box; chats do not.
   */
  async openConversation(name: ConversationName): Promise<void> {
    await this.page.getByRole('treeitem', { name }).click();
    this.conversation = name;
    const newPostBox = this.page.getByText('Start a new post', { exact: true });
    await newPostBox.waitFor({ state: this.isChannel ? 'visible' : 'hidden', timeout: 30_000 });
  }

  private get isChannel(): boolean {
    return this.conversation.startsWith('Cloud Platform - ');
  }

  private get needsMention(): boolean {
    return this.conversation !== 'Personal Chat';
  }

  /** The bot's cards (chat messages and channel replies alike) in the conversation on screen; the playground keeps
   * other conversations in the DOM, hidden. */
  cards(): Locator {
    return this.page.locator(`${CARD_SELECTOR}:visible`);
  }

  /** Sends `text` (as a new channel post, or a chat message) and returns the first new card matching `expected`. */
  async send(text: string, expected: RegExp): Promise<Locator> {
    await this.markCardsSeen();
    // In a channel the first editor is "Start a new post"; reply boxes of earlier threads come after it.
    const editor = this.page.getByRole('textbox').first();
    await editor.click();
    if (this.needsMention) {
      // Group chats and channels deliver only messages that @mention the bot: pick it from the typeahead.
      await this.page.keyboard.type('@');
      await this.page.getByRole('menuitem', { name: BOT_NAME }).click();
      await this.page.keyboard.type(' ');
    }
    await this.page.keyboard.type(text);
    if (this.isChannel) await this.page.getByRole('button', { name: 'Post', exact: true }).click();
    else await this.page.keyboard.press('Enter');
    return this.waitForCard(expected, `a new card matching ${expected} after "${text}"`, { onlyNew: true });
  }

  /**
   * Marks the cards on screen, so waitForCard({ onlyNew }) can tell the answers that come next. Position cannot:
   * a channel shows its newest post first, a chat its newest message last.
   */
  async markCardsSeen(): Promise<void> {
    await this.page.evaluate(`document.querySelectorAll('${CARD_SELECTOR}').forEach((card) => card.setAttribute('${SEEN_ATTRIBUTE}', ''))`);
  }

  /**
   * The first card on screen whose text matches (optionally only cards not yet marked seen). The locator is
   * positional: it stays on this card while later messages are appended below it, as in a chat.
   */
  async waitForCard(expected: RegExp, what: string, options: { onlyNew?: boolean; timeoutInMs?: number } = {}): Promise<Locator> {
    const index = await pollUntil(
      async () => {
        const count = await this.cards().count();
        for (let i = 0; i < count; i++) {
          const card = this.cards().nth(i);
          if (options.onlyNew && (await card.getAttribute(SEEN_ATTRIBUTE)) !== null) continue;
          if (expected.test(await card.innerText())) return i;
        }
        return undefined;
      },
      { timeoutInMs: options.timeoutInMs ?? CARD_TIMEOUT_MS, what: `${this.who}: ${what}` },
    );
    return this.cards().nth(index);
  }

  /** Waits until `card` (which may be replaced in place by an Action.Execute answer or an update) matches. */
  async waitForCardText(card: Locator, expected: RegExp, what: string, timeoutInMs = CARD_TIMEOUT_MS): Promise<string> {
    return pollUntil(
      async () => {
        const text = await card.innerText();
        return expected.test(text) ? text : undefined;
      },
      { timeoutInMs, what: `${this.who}: ${what}` },
    );
  }

  async pressCardButton(card: Locator, title: string): Promise<void> {
    await card.getByRole('button', { name: title, exact: true }).click();
  }

  /**
   * A step's picture: the chat pane from the top of `first` (with the message that asked for it just above) to
   * the bottom of `last`. The pane, not the whole window, so the cards are legible at README width.
   */
  async screenshot(file: string, first: Locator, last: Locator = first): Promise<void> {
    await last.scrollIntoViewIfNeeded();
    const [top, bottom, viewport] = [await first.boundingBox(), await last.boundingBox(), this.page.viewportSize()];
    if (!top || !bottom || !viewport || bottom.y + bottom.height - top.y > viewport.height || top.y < 0) {
      await last.screenshot({ path: file }); // does not fit: the card alone
      return;
    }
    const y = Math.max(0, top.y - SCREENSHOT_CONTEXT_ABOVE_PX);
    const x = Math.max(0, top.x - SCREENSHOT_MARGIN_LEFT_PX);
    const height = Math.min(viewport.height, bottom.y + bottom.height + SCREENSHOT_MARGIN_BELOW_PX) - y;
    await this.page.screenshot({ path: file, clip: { x, y, width: viewport.width - x, height } });
  }

  async screenshotOnFailure(directory: string, testTitle: string): Promise<string> {
    const slug = `${testTitle}-${this.who}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const file = path.join(directory, `${slug}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    // The DOM too: when a selector stops matching after a playground upgrade, this shows what it became.
    fs.writeFileSync(file.replace(/\.png$/, '.html'), await this.page.content());
    return file;
  }
}
