/**
 * `npm run screenshots` (after the e2e run): copies each step's screenshot from test-results/e2e/screens to
 * docs/screenshots, where the README shows them. Refuses a partial set, so the docs never mix two runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './support/demoBot';
import { SCREENS_DIR } from './support/environment';

export const STEP_SCREENSHOTS = [
  'help',
  'status',
  'enable-preview',
  'approval-request',
  'refused-self-approval',
  'channel-mention',
  'approver-requests',
  'approved',
  'requester-notified',
  'list',
  'history',
  'nothing-to-change',
  'did-you-mean',
  'posture',
  'alerts',
  'watch-alert',
] as const;

const DOCS_DIR = path.join(REPO_ROOT, 'docs/screenshots');
/** Without a colour emoji font, Chromium draws the cards' ⏳ ✅ ⚠️ as empty boxes. */
const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';

function main(): void {
  const missing = STEP_SCREENSHOTS.filter((name) => !fs.existsSync(path.join(SCREENS_DIR, `${name}.png`)));
  if (missing.length) {
    process.stderr.write(`No screenshot of ${missing.join(', ')} in ${SCREENS_DIR}: the e2e run did not get that far. Nothing copied.\n`);
    process.exit(1);
  }
  if (!fs.existsSync(EMOJI_FONT)) {
    process.stderr.write(`Warning: ${EMOJI_FONT} is missing, so emoji in the cards are empty boxes. apt-get install -y fonts-noto-color-emoji, then run again.\n`);
  }
  fs.mkdirSync(DOCS_DIR, { recursive: true });
  for (const name of STEP_SCREENSHOTS) fs.copyFileSync(path.join(SCREENS_DIR, `${name}.png`), path.join(DOCS_DIR, `${name}.png`));
  process.stdout.write(`Copied ${STEP_SCREENSHOTS.length} screenshots to ${path.relative(REPO_ROOT, DOCS_DIR)}/\n`);
}

main();
