/**
 * Draws the app icons (a shield with a check mark) as pixels, so the PNGs in appPackage/ can be regenerated and a
 * test can prove the committed files are what this code draws. Shapes live in a unit square and are sampled
 * 4×4 times per pixel, which anti-aliases the edges without any drawing library.
 */
import { PNG } from 'pngjs';

type Point = readonly [number, number];

const ACCENT: readonly [number, number, number] = [0x0f, 0x6c, 0xbd]; // same as manifest accentColor
const WHITE: readonly [number, number, number] = [255, 255, 255];
const SAMPLES_PER_AXIS = 4;

function quadratic(from: Point, control: Point, to: Point, steps: number): Point[] {
  return Array.from({ length: steps }, (_unused, index) => {
    const t = (index + 1) / steps;
    const u = 1 - t;
    return [u * u * from[0] + 2 * u * t * control[0] + t * t * to[0], u * u * from[1] + 2 * u * t * control[1] + t * t * to[1]] as const;
  });
}

/** The shield outline: a peaked top, straight sides, and two curves meeting at the bottom point. */
export const SHIELD: Point[] = [
  [0.16, 0.2],
  [0.5, 0.08],
  [0.84, 0.2],
  [0.84, 0.48],
  ...quadratic([0.84, 0.48], [0.84, 0.76], [0.5, 0.93], 24),
  ...quadratic([0.5, 0.93], [0.16, 0.76], [0.16, 0.48], 24),
];

const CHECK_MARK: Point[] = [
  [0.33, 0.5],
  [0.45, 0.63],
  [0.68, 0.37],
];
const CHECK_HALF_WIDTH = 0.055;

function insidePolygon([x, y]: Point, polygon: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment([x, y]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function onCheckMark(point: Point): boolean {
  return CHECK_MARK.slice(1).some((end, index) => distanceToSegment(point, CHECK_MARK[index], end) <= CHECK_HALF_WIDTH);
}

/** Fraction (0..1) of the pixel's sub-samples for which `test` holds. */
function coverage(size: number, px: number, py: number, test: (point: Point) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES_PER_AXIS; sy++) {
    for (let sx = 0; sx < SAMPLES_PER_AXIS; sx++) {
      const point: Point = [(px + (sx + 0.5) / SAMPLES_PER_AXIS) / size, (py + (sy + 0.5) / SAMPLES_PER_AXIS) / size];
      if (test(point)) hits++;
    }
  }
  return hits / (SAMPLES_PER_AXIS * SAMPLES_PER_AXIS);
}

function paint(size: number, pixel: (px: number, py: number) => readonly [number, number, number, number]): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      png.data.set(pixel(px, py).map(Math.round), (py * size + px) * 4);
    }
  }
  return png;
}

const mix = (from: number, to: number, amount: number) => from + (to - from) * amount;

/** 192×192, opaque accent background, white shield, check mark in the accent colour. */
export function drawColorIcon(size = 192): PNG {
  return paint(size, (px, py) => {
    const shield = coverage(size, px, py, (point) => insidePolygon(point, SHIELD));
    const check = coverage(size, px, py, (point) => onCheckMark(point) && insidePolygon(point, SHIELD));
    const [r, g, b] = [0, 1, 2].map((channel) => mix(mix(ACCENT[channel], WHITE[channel], shield), ACCENT[channel], check));
    return [r, g, b, 255];
  });
}

/** 32×32, white shield with the check mark cut out, on a fully transparent background (Teams' outline rules). */
export function drawOutlineIcon(size = 32): PNG {
  return paint(size, (px, py) => {
    const glyph = coverage(size, px, py, (point) => insidePolygon(point, SHIELD) && !onCheckMark(point));
    // Fully transparent pixels stay white too, so every pixel is "white at some opacity".
    return [255, 255, 255, 255 * glyph];
  });
}

export function encodePng(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}
