/**
 * Debian's Chromium, driven by playwright-core (whose own browser download is not used). Headless, with
 * everything that phones home turned off, and a fresh profile per run.
 */
import fs from 'node:fs';
import { BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export class ChromiumMissingError extends Error {
  constructor() {
    super(`Chromium is not installed at ${CHROMIUM_PATH}. Install it with \`apt-get update && apt-get install -y chromium\` ` +
      '(the e2e tests use the system browser, not a Playwright download).');
    this.name = 'ChromiumMissingError';
  }
}

export function assertChromiumInstalled(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError();
}

/** One browser for everyone: each person's playground is its own origin, so their tabs share nothing. */
export async function launchChromium(userDataDir: string): Promise<BrowserContext> {
  assertChromiumInstalled();
  fs.mkdirSync(userDataDir, { recursive: true });
  // Playwright takes the profile directory here rather than as --user-data-dir.
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 60_000,
    // Narrower than ~1280 px, the playground folds the conversation list behind a menu button; tall enough for the help card.
    viewport: { width: 1400, height: 1300 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
