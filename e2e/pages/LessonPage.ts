import { expect, type Locator, type Page } from '@playwright/test';
import type { RunStatus } from '../../app/machines/runMachine';
import type { PlaygroundTestApi } from '../../app/test-api';
import type { TraceEvent } from '../../workers/kernel/protocol';
import { clientLogging } from './source';

type ApiCall = { [K in keyof PlaygroundTestApi]: ReturnType<PlaygroundTestApi[K]> };

/**
 * Seeds per Check in the per-chapter specs. They prove the browser's Check path (Workers, verdicts, the
 * failing check named) on one lesson per chapter; that every reference passes all 50 seeds is proven headless
 * by `lessons:verify` in the same CI run, on the same kernel (and engine-determinism.spec proves the browser's
 * traces equal Node's). app-check-pool.spec keeps the product's default of 50 seeds in the browser, and with it
 * the pool's reuse of Workers across seeds. Two seeds: each of these starters fails on its first seed
 * (lessons:verify says which), and two check Workers share them as they share 50; ten cost over a third of the
 * whole e2e run.
 */
export const CHAPTER_CHECK_SEEDS = 2;

/**
 * Seeds per Check in a spec whose point is not how many seeds there are (a verdict marks the lesson done, the
 * stats panel, the shrinker, containment): each of their codes fails or passes on every one of them, and
 * five share two check Workers, so a Worker's realm is reused across seeds. The product's 50 is
 * app-check-pool.spec's.
 */
export const QUICK_CHECK_SEEDS = 5;

/** The lesson page, driven like a learner would, read through the typed test API (`window.__playground`). */
export class LessonPage {
  readonly runButton: Locator;
  readonly status: Locator;
  readonly graph: Locator;

  constructor(readonly page: Page) {
    this.runButton = page.getByTestId('run-button');
    this.status = page.getByTestId('run-status');
    this.graph = page.getByTestId('graph');
  }

  /** Check runs every seed on node Workers, never sealed (test builds only; call before `goto`). */
  async useUnsealedCheck(): Promise<void> {
    await this.page.addInitScript(() => {
      (window as { __playgroundCheckUnsealed?: boolean }).__playgroundCheckUnsealed = true;
    });
  }

  /** Check runs `seeds` seeds instead of the exercise's (test builds only; call before `goto`). */
  async useCheckSeeds(seeds: number): Promise<void> {
    await this.page.addInitScript((n) => {
      (window as { __playgroundCheckSeeds?: number }).__playgroundCheckSeeds = n;
    }, seeds);
  }

  async goto(lessonId: string, step = 1): Promise<void> {
    await this.page.goto(`./#/lesson/${lessonId}/${step}`);
    // A loaded machine (several builds at once) can take more than the default 5 s to show the page.
    await expect(this.page.getByTestId('lesson-page')).toBeVisible({ timeout: 30_000 });
    // The page compiles the code and shows the system at time 0 before the learner does anything.
    await this.expectStatus('paused');
  }

  /** One call into the test API, typed. */
  async api<K extends keyof PlaygroundTestApi>(name: K): Promise<Awaited<ApiCall[K]>> {
    return this.page.evaluate(async (n) => {
      const api = window.__playground;
      if (!api) throw new Error('window.__playground is missing: build with PLAYGROUND_TEST_API=1');
      const fn = api[n] as () => unknown;
      return fn();
    }, name) as Promise<Awaited<ApiCall[K]>>;
  }

  async expectStatus(status: RunStatus): Promise<void> {
    await expect(this.status).toHaveAttribute('data-status', status, { timeout: 30_000 });
  }

  async trace(): Promise<TraceEvent[]> {
    return this.api('trace');
  }

  /** Messages sent at or before the cursor that have not landed or been dropped by then: dots on links. */
  async messagesInFlight(): Promise<number> {
    return this.page.evaluate(() => {
      const api = window.__playground;
      if (!api) throw new Error('window.__playground is missing: build with PLAYGROUND_TEST_API=1');
      const t = api.cursor();
      const sent = new Set<string>();
      for (const e of api.trace()) {
        if (e.t > t) break;
        if (e.kind === 'send') sent.add(String(e.message.id));
        else if (e.kind === 'deliver' || e.kind === 'drop') sent.delete(String(e.messageId));
      }
      return sent.size;
    });
  }

  async speed(): Promise<string> {
    return this.page.getByTestId('speed').locator('option:checked').innerText();
  }

  async setSpeed(label: string): Promise<void> {
    await this.page.getByTestId('speed').selectOption({ label });
  }

  /** Type a seed and press Enter (the field reruns on Enter or blur, never per keystroke). */
  async setSeed(seed: number): Promise<void> {
    const field = this.page.getByTestId('seed');
    await field.fill(String(seed));
    await field.press('Enter');
  }

  async run(): Promise<void> {
    await this.runButton.click();
    await expect(this.runButton).toContainText(/Pause|Run changes/);
  }

  async pause(): Promise<void> {
    await this.runButton.click();
    await this.expectStatus('paused');
  }

  /**
   * Move the cursor to exactly `ms` with the timeline's keys, as a keyboard user would (Home, then steps of
   * 1% of the run): exact whatever the machine's speed, unlike pausing a playing run at the right moment.
   * The cursor cannot pass what the kernel has computed: run first.
   */
  async seek(ms: number): Promise<void> {
    const slider = this.page.getByRole('slider', { name: 'Virtual time' });
    const span = Number(await slider.getAttribute('aria-valuemax'));
    const step = Math.max(1, Math.round(span / 100));
    if (ms % step !== 0) throw new Error(`seek(${ms}): use a multiple of the timeline's step (${step} ms)`);
    await slider.focus();
    await slider.press('Home');
    for (let i = 0; i < ms / step; i++) await slider.press('ArrowRight');
    await expect.poll(() => this.api('cursor'), { timeout: 30_000 }).toBe(ms);
  }

  /** Play until the cursor has passed `ms` of virtual time, then pause. */
  async runUntil(ms: number): Promise<void> {
    await this.run();
    await expect
      .poll(() => this.api('cursor'), { timeout: 30_000, intervals: [50] })
      .toBeGreaterThanOrEqual(ms);
    await this.pause();
  }

  async runToEnd(): Promise<void> {
    await this.setSpeed('Max');
    // A seed or code change may have started a compile that plays once loaded: decide only once it is over,
    // or the click lands on the Pause button of the run that compile just started.
    await expect(this.status).not.toHaveAttribute('data-status', 'compiling', { timeout: 30_000 });
    if ((await this.status.getAttribute('data-status')) !== 'running') await this.runButton.click();
    await this.expectStatus('finished');
  }

  node(id: string): Locator {
    return this.graph.getByRole('button', { name: new RegExp(`^${id}[ ,]`) });
  }

  link(a: string, b: string): Locator {
    return this.graph
      .locator('.ng-link-hit')
      .filter({ has: this.page.locator('title', { hasText: new RegExp(`^(${a} ↔ ${b}|${b} ↔ ${a})`) }) });
  }

  faultMenu(): Locator {
    return this.page.getByTestId('fault-menu');
  }

  async faultOnNode(id: string, action: string): Promise<void> {
    await this.node(id).click();
    await this.faultMenu().getByRole('menuitem', { name: action }).click();
    await expect(this.faultMenu()).toBeHidden();
  }

  /** Click the middle of a link, as a learner would (a straight SVG line has no box to click by locator). */
  async clickLink(a: string, b: string): Promise<void> {
    const middle = await this.link(a, b).evaluate((el) => {
      const path = el as SVGPathElement;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM();
      if (!m) throw new Error('link is not rendered');
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
    await this.page.mouse.click(middle.x, middle.y);
    await expect(this.faultMenu()).toBeVisible();
  }

  async faultOnLink(a: string, b: string, action: string): Promise<void> {
    await this.clickLink(a, b);
    await this.faultMenu().getByRole('menuitem', { name: action, exact: true }).click();
    await expect(this.faultMenu()).toBeHidden();
  }

  /** Replace a role's code in the editor the way a paste would; `shows` is a short piece of it to wait for. */
  async replaceCode(role: string, source: string, shows: string): Promise<void> {
    await this.page.getByTestId(`role-tab-${role}`).click();
    const editor = this.page.locator('.monaco-editor').first();
    await expect(editor).toBeVisible({ timeout: 30_000 });
    await editor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(source);
    // The editor's text, not its rendered lines: Monaco renders only the lines in view, and a file longer
    // than the pane (request-reply's client) scrolls `shows` out of it.
    await this.expectEditorCode(role, shows);
  }

  /** The text in the editor for `role` now (typed, not yet run). */
  async editorCode(role: string): Promise<string | undefined> {
    return (await this.api('editorCode'))[role];
  }

  /** Wait until the editor holds `role`'s code containing `text`. */
  async expectEditorCode(role: string, text: string | RegExp, not = false): Promise<void> {
    const poll = expect.poll(async () => (await this.editorCode(role)) ?? '', { timeout: 30_000 });
    if (not) await poll.not.toMatch(text);
    else await poll.toMatch(text);
  }

  /** In request-reply, make the client log `<text>: balance ...`, and wait until that is saved. */
  async editClientLog(text: string): Promise<void> {
    await this.replaceCode('client', clientLogging(text), `${text}:`);
    await this.expectEditorCode('client', `${text}:`);
    await this.expectSaved();
  }

  /** The footer says "Saved" only once the browser has written the code. */
  async expectSaved(): Promise<void> {
    await expect(this.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', {
      timeout: 15_000,
    });
  }

  /** Open the History menu of the file on screen. */
  async openHistory(): Promise<Locator> {
    await this.page.getByTestId('history-button').click();
    const menu = this.page.getByTestId('history-menu');
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Recompile and rerun with the same seed, from the editor. */
  async rerunFromEditor(): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }

  /** The console of all nodes' logs (selecting a node switches to the inspector: switch back). */
  async console(): Promise<Locator> {
    await this.page.getByTestId('tab-console').click();
    return this.page.getByTestId('panel-console');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/screenshots/${name}.png` });
  }
}
