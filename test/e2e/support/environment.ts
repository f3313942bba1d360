/**
 * Everything the scenario runs against, started for real: the demo bot (with its ARM simulator), an activity
 * tap in front of it, one playground per person, and one headless Chromium. dispose() stops all of it and
 * is safe to call after a partial start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { ActivityTap, startActivityTap } from './activityTap';
import { assertChromiumInstalled, launchChromium } from './browser';
import { DemoBot, REPO_ROOT, startDemoBot } from './demoBot';
import { Playground, startPlayground } from './playground';
import { PlaygroundPage } from './playgroundPage';

export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results/e2e');
export const LOGS_DIR = path.join(RESULTS_DIR, 'logs');
export const FAILURES_DIR = path.join(RESULTS_DIR, 'failures');
/** Every step's screenshot; `npm run screenshots` copies them to docs/screenshots. */
export const SCREENS_DIR = path.join(RESULTS_DIR, 'screens');

export const REQUESTER = 'Alex Admin';
export const APPROVER = 'Avery Approver';

export class E2eEnvironment {
  bot?: DemoBot;
  tap?: ActivityTap;
  playgrounds: Playground[] = [];
  browser?: BrowserContext;
  pages = new Map<string, PlaygroundPage>();
  private readonly tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'defender-e2e-'));
  readonly timings: Record<string, number> = {};

  async start(inheritedEnv: NodeJS.ProcessEnv): Promise<void> {
    assertChromiumInstalled(); // before spending a minute on start-up
    for (const directory of [RESULTS_DIR]) fs.rmSync(directory, { recursive: true, force: true });
    for (const directory of [LOGS_DIR, FAILURES_DIR, SCREENS_DIR]) fs.mkdirSync(directory, { recursive: true });

    const startedAt = Date.now();
    this.bot = await startDemoBot({ dataDir: path.join(this.tempDir, 'data'), logFile: path.join(LOGS_DIR, 'bot.log'), inheritedEnv });
    this.timings.botStartInMs = Date.now() - startedAt;
    this.tap = await startActivityTap(this.bot.port);

    // Browser and playgrounds start side by side; each is recorded as soon as it runs, so dispose() finds it
    // even when another one failed to start.
    const started = await Promise.allSettled([
      launchChromium(path.join(this.tempDir, 'chromium-profile')).then((browser) => {
        this.browser = browser;
      }),
      ...[REQUESTER, APPROVER].map((userName) => startPlayground({
        userName,
        botMessagesUrl: this.tap!.url,
        workDir: path.join(this.tempDir, `playground-${slug(userName)}`),
        logFile: path.join(LOGS_DIR, `playground-${slug(userName)}.log`),
        inheritedEnv,
      }).then((playground) => {
        this.playgrounds.push(playground);
      })),
    ]);
    const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    const browser = this.browser!;
    this.timings.playgroundsStartInMs = Date.now() - startedAt;

    const pages = await Promise.all(this.playgrounds.map((playground) => PlaygroundPage.open(browser, playground.user.name, playground.url)));
    for (const page of pages) this.pages.set(page.who, page);
    this.timings.readyInMs = Date.now() - startedAt;
  }

  page(who: string): PlaygroundPage {
    const page = this.pages.get(who);
    if (!page) throw new Error(`No playground tab for ${who}`);
    return page;
  }

  /** What a failed step leaves behind: each tab as a PNG, and where the logs are. */
  async recordFailure(testTitle: string): Promise<string[]> {
    const files: string[] = [];
    for (const page of this.pages.values()) {
      try {
        files.push(await page.screenshotOnFailure(FAILURES_DIR, testTitle));
      } catch (error) {
        files.push(`(no screenshot of ${page.who}: ${(error as Error).message})`);
      }
    }
    this.writeActivities();
    return [...files, path.join(LOGS_DIR, 'bot.log'), path.join(LOGS_DIR, 'activities.json')];
  }

  private writeActivities(): void {
    if (this.tap) fs.writeFileSync(path.join(LOGS_DIR, 'activities.json'), JSON.stringify(this.tap.activities, null, 2));
  }

  async dispose(): Promise<void> {
    this.writeActivities();
    const problems: string[] = [];
    const attempt = async (what: string, stop: () => Promise<void>) => {
      try {
        await stop();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    await attempt('browser', async () => this.browser?.close());
    await Promise.all(this.playgrounds.map((playground) => attempt(playground.process.name, () => playground.process.stop())));
    await attempt('activity tap', async () => this.tap?.close());
    await attempt('bot', async () => this.bot?.process.stop(10_000));
    fs.rmSync(this.tempDir, { recursive: true, force: true });
    if (problems.length) throw new Error(`Could not stop everything cleanly:\n${problems.join('\n')}`);
  }
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
