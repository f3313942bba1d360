import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/package-icon-shapes';
import { PROJECT_ROOT } from './fixtures';

const readIcon = (name: string) => {
  const bytes = fs.readFileSync(path.join(PROJECT_ROOT, 'appPackage', name));
  // pngjs normalises to RGBA; the header tells whether the file itself carries an alpha channel.
  const colorType = bytes.readUInt8(25);
  return { png: PNG.sync.read(bytes), colorType };
};

const pixelAt = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

describe('app icons', () => {
  it('color.png is 192×192', () => {
    const { png } = readIcon('color.png');
    assert.deepEqual([png.width, png.height], [192, 192]);
  });

  it('outline.png is 32×32, has an alpha channel, transparent corners, and only white or transparent pixels', () => {
    const { png, colorType } = readIcon('outline.png');
    assert.deepEqual([png.width, png.height], [32, 32]);
    assert.ok(colorType === 4 || colorType === 6, `PNG colour type ${colorType} has no alpha channel`);
    for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]]) assert.equal(pixelAt(png, x, y)[3], 0, `corner ${x},${y} is not transparent`);
    let opaque = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = pixelAt(png, x, y);
        if (a > 0) assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${x},${y} is visible but not white`);
        if (a === 255) opaque++;
      }
    }
    // A blank icon would pass the checks above; the glyph must actually be there.
    assert.ok(opaque > 200, `only ${opaque} opaque pixels: the glyph is missing`);
  });

  it('the committed PNGs are exactly what scripts/package-icons.ts draws', () => {
    assert.ok(readIcon('color.png').png.data.equals(drawColorIcon().data), 'color.png is stale: run npx tsx scripts/package-icons.ts');
    assert.ok(readIcon('outline.png').png.data.equals(drawOutlineIcon().data), 'outline.png is stale: run npx tsx scripts/package-icons.ts');
  });
});
