// Draws the Teams app icons: a clerk behind a ticket-counter window ("lucka"), white, on LOKET's blue for
// the 192×192 colour icon and on transparency for the 32×32 outline icon (Teams wants the outline white
// only). Drawn from geometry with 4×4 supersampling so the committed PNGs can be re-made exactly:
// `node --import tsx scripts/teams-icons.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng, type RgbaImage } from './png.js';

export const ICON_BACKGROUND = [0x1d, 0x4f, 0x73] as const;
const SAMPLES = 4;

/** True when the point (0…1 on both axes, y down) is part of the glyph. `stroke` is the window frame width. */
function inGlyph(x: number, y: number, stroke: number): boolean {
  const cx = 0.5;
  const archCentreY = 0.5;
  const radius = 0.28;
  const inArch = (r: number) => (y >= archCentreY ? Math.abs(x - cx) <= r && y <= 0.8 : Math.hypot(x - cx, y - archCentreY) <= r);
  const frame = inArch(radius) && !inArch(radius - stroke);
  const counter = x >= 0.14 && x <= 0.86 && y >= 0.76 && y <= 0.84;
  const head = Math.hypot(x - cx, y - 0.5) <= 0.075;
  const shoulders = y <= 0.76 && ((x - cx) / 0.15) ** 2 + ((y - 0.76) / 0.13) ** 2 <= 1;
  return frame || counter || head || shoulders;
}

export function drawIcon(size: number, options: { background?: readonly [number, number, number]; stroke: number }): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (inGlyph((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size, options.stroke)) hits++;
        }
      }
      const coverage = hits / (SAMPLES * SAMPLES);
      const at = (py * size + px) * 4;
      if (options.background) {
        // White blended over the opaque background.
        for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(options.background[c]! + (255 - options.background[c]!) * coverage);
        pixels[at + 3] = 255;
      } else {
        pixels.set([255, 255, 255, Math.round(255 * coverage)], at);
      }
    }
  }
  return { width: size, height: size, pixels };
}

export function renderTeamsIcons(): { color: Buffer; outline: Buffer } {
  return {
    color: encodePng(drawIcon(192, { background: ICON_BACKGROUND, stroke: 0.06 })),
    // A thicker frame at 32 px, or it would vanish into half-transparent pixels.
    outline: encodePng(drawIcon(32, { stroke: 0.09 })),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const icons = renderTeamsIcons();
  writeFileSync(new URL('../appPackage/color.png', import.meta.url), icons.color);
  writeFileSync(new URL('../appPackage/outline.png', import.meta.url), icons.outline);
  process.stdout.write('appPackage/color.png (192×192) and appPackage/outline.png (32×32) written\n');
}
