/**
 * axe on the page as it is, in light and in dark: one page state, both palettes (building the state twice,
 * once per scheme, doubled the cost of the accessibility specs and tested nothing more).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { NODE_FRAME_TITLE } from '../../workers/host/node-frame-protocol';

export type Scheme = 'light' | 'dark';
export const SCHEMES: readonly Scheme[] = ['light', 'dark'];

/** axe's violations on the page now, one line each; Monaco's DOM is left out. */
export async function violations(page: Page): Promise<string[]> {
  // Frames are not scanned (below): a frame other than a node frame would be UI that axe never saw.
  const unscanned = await page
    .locator(`iframe:not([title="${NODE_FRAME_TITLE}"][sandbox="allow-scripts"])`)
    .count();
  if (unscanned > 0) throw new Error(`${unscanned} frame(s) besides the node frames: scan them with axe too`);
  const result = await new AxeBuilder({ page })
    // Monaco's own DOM is a third-party widget with its own accessibility mode (Alt+F1 / screen reader mode).
    .exclude('.monaco-editor')
    // The page's only frames are the node frames: sandboxed, opaque, with no UI. Without them axe runs in the
    // page alone (legacy mode), instead of in every frame and then in a blank page of its own to merge the
    // results: the same findings in a third of the time (a page per scan was most of the a11y specs' cost).
    .setLegacyMode(true)
    .options({ iframes: false })
    .analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/**
 * The violations in each scheme, prefixed with it (`dark: color-contrast: …`), so one `toEqual([])` names the
 * palette that failed; `each` runs in a scheme after its scan (a screenshot). The page is left in light.
 */
export async function violationsInBothSchemes(
  page: Page,
  each?: (scheme: Scheme) => Promise<void>,
): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of SCHEMES) {
    await showScheme(page, scheme);
    found.push(...(await violations(page)).map((v) => `${scheme}: ${v}`));
    await each?.(scheme);
  }
  await showScheme(page, 'light');
  return found;
}

/** The page in `scheme`, once its colours have finished changing. */
export async function showScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await transitionsDone(page);
}

/**
 * After a scheme change, buttons fade to their new colours (CSS transitions): axe must see where they end,
 * not a mix halfway. Two frames for the new style to start them, then every finite animation's end.
 */
async function transitionsDone(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    await frame();
    const finite = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}
