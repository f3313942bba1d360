/** `npx tsx scripts/package-icons.ts`: (re)writes appPackage/color.png and appPackage/outline.png. */
import fs from 'node:fs';
import path from 'node:path';
import { drawColorIcon, drawOutlineIcon, encodePng } from './package-icon-shapes';

const APP_PACKAGE_DIR = path.resolve(__dirname, '..', 'appPackage');

if (require.main === module) {
  fs.writeFileSync(path.join(APP_PACKAGE_DIR, 'color.png'), encodePng(drawColorIcon()));
  fs.writeFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'), encodePng(drawOutlineIcon()));
  console.log(`Wrote color.png (192×192) and outline.png (32×32) to ${path.relative(process.cwd(), APP_PACKAGE_DIR)}`);
}
