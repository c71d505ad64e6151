/**
 * The app's icon, drawn once here: three nodes and the links between them, one message on its way. Writes
 * the SVGs to public/icons/ and renders the PNGs the web app manifest needs (192 and 512 px, a maskable one
 * with the mark inside the safe circle, and Apple's 180 px touch icon) with the machine's Chromium.
 * The outputs are committed, so a build needs no browser: run `npx tsx scripts/build-icons.ts` after
 * changing the mark, and commit what it writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium } from './bench/chromium';

const OUT = new URL('../public/icons/', import.meta.url);
/** The manifest's theme colour (vite.config.ts). */
const BLUE = '#4263eb';
const MESSAGE = '#ffd43b';

/**
 * The mark on a 512 px canvas. Every shape stays within 204 px of the centre (the maskable safe zone is a
 * circle of 40% of the size), so a launcher's mask never cuts a node.
 */
function mark(): string {
  const nodes = [
    [136, 256],
    [340, 146],
    [340, 366],
  ] as const;
  const [a, b, c] = nodes;
  const link = (p: readonly number[], q: readonly number[]) =>
    `<line x1="${p[0]}" y1="${p[1]}" x2="${q[0]}" y2="${q[1]}"/>`;
  // The message sits 40% of the way from the first node to the second.
  const mx = a[0] + (b[0] - a[0]) * 0.4;
  const my = a[1] + (b[1] - a[1]) * 0.4;
  return [
    `<g stroke="#fff" stroke-opacity="0.6" stroke-width="18" stroke-linecap="round">`,
    link(a, b),
    link(b, c),
    link(c, a),
    `</g>`,
    `<g fill="#fff">`,
    ...nodes.map(([x, y]) => `<circle cx="${x}" cy="${y}" r="50"/>`),
    `</g>`,
    `<circle cx="${mx.toFixed(1)}" cy="${my.toFixed(1)}" r="22" fill="${MESSAGE}" stroke="${BLUE}" stroke-width="8"/>`,
  ].join('');
}

const svg = (background: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${background}${mark()}</svg>\n`;

/** Rounded, for browsers and desktops that show the icon as it is. */
const icon = svg(`<rect width="512" height="512" rx="112" fill="${BLUE}"/>`);
/** Full bleed, for launchers that mask the icon to their own shape (and for Apple's touch icon). */
const maskable = svg(`<rect width="512" height="512" fill="${BLUE}"/>`);

const pngs: { file: string; source: string; size: number }[] = [
  { file: 'icon-192.png', source: icon, size: 192 },
  { file: 'icon-512.png', source: icon, size: 512 },
  { file: 'icon-maskable-512.png', source: maskable, size: 512 },
  { file: 'apple-touch-icon-180.png', source: maskable, size: 180 },
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(new URL('icon.svg', OUT), icon);
  writeFileSync(new URL('icon-maskable.svg', OUT), maskable);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    for (const { file, source, size } of pngs) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`,
      );
      await page.screenshot({ path: new URL(file, OUT).pathname, omitBackground: true });
    }
  } finally {
    await browser.close();
  }
  console.log(`wrote ${pngs.length + 2} icons to ${OUT.pathname}`);
}

await main();
