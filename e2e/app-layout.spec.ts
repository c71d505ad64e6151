/**
 * The lesson page's layout at the two sizes we design for, light and dark: the run details are tall enough
 * to read, dragging them cannot push the run controls off screen, and the graph's legend and fault hint do
 * not overlap. The screenshots are for a person to judge (e2e/screenshots/layout-*.png).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCHEMES, showScheme } from './pages/axe';
import { LessonPage } from './pages/LessonPage';

const sizes = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not rendered');
  return b;
};

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** On screen and not covered by anything (the point at its centre hits it). */
async function inViewport(page: Page, l: Locator) {
  const b = await box(l);
  const v = page.viewportSize();
  if (!v) throw new Error('no viewport');
  expect(b.y).toBeGreaterThanOrEqual(0);
  expect(b.y + b.height).toBeLessThanOrEqual(v.height);
  const onTop = await l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && el.contains(hit);
  });
  expect(onTop).toBe(true);
}

/** A screenshot in each scheme: the geometry is the same in both, the palette is what a learner judges. */
async function shootBoth(page: Page, name: string): Promise<void> {
  for (const scheme of SCHEMES) {
    await showScheme(page, scheme);
    await page.screenshot({ path: `e2e/screenshots/${name.replace('{scheme}', scheme)}.png` });
  }
  await showScheme(page, 'light');
}

for (const size of sizes) {
  test(`${size.width}x${size.height}: every panel is usable (screenshots light and dark)`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    const lesson = new LessonPage(page);
    await lesson.goto('request-reply');
    await lesson.setSpeed('1×');
    await lesson.runUntil(3000);

    // The details under the graph: about 40% of the window, many console rows.
    const details = await box(page.locator('.details-area'));
    expect(details.height).toBeGreaterThanOrEqual(size.height * 0.35);
    await inViewport(page, page.getByTestId('run-button'));
    await inViewport(page, page.getByRole('slider', { name: 'Virtual time' }));

    // The legend and the fault hint never cover each other.
    const legend = page.locator('.ng-legend');
    const hint = page.locator('.graph-hint');
    await expect(legend).toBeVisible();
    await expect(hint).toBeVisible();
    expect(overlap(await box(legend), await box(hint))).toBe(false);

    await page.getByTestId('tab-sequence').click();
    await shootBoth(page, `layout-${size.width}-{scheme}`);

    // Dragging the details up as far as it goes leaves the graph and the run controls on screen.
    const handle = page.getByRole('separator', { name: 'Resize the run details' });
    const h = await box(handle);
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + h.width / 2, 5, { steps: 4 });
    await page.mouse.up();
    await shootBoth(page, `layout-${size.width}-{scheme}-details-max`);
    await inViewport(page, page.getByTestId('run-button'));
    await inViewport(page, page.getByRole('slider', { name: 'Virtual time' }));
    expect((await box(lesson.graph)).height).toBeGreaterThanOrEqual(150);
    // The keyboard cannot do it either.
    await handle.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowUp');
    await inViewport(page, page.getByTestId('run-button'));
  });
}

test('1280x800: the legend covers no node and no node label, on a lesson with eight nodes', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = new LessonPage(page);
  await lesson.goto('least-loaded');
  // Every message type has been sent by the end: the legend is at its tallest.
  await lesson.runToEnd();
  const legend = await box(page.locator('.ng-legend'));
  const marks = page.locator('.ng-nodes .ng-node-label, .ng-nodes circle');
  expect(await marks.count()).toBeGreaterThanOrEqual(16);
  for (const mark of await marks.all()) expect(overlap(await box(mark), legend)).toBe(false);
});
