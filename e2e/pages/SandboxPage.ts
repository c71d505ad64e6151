import { expect, type Locator, type Page } from '@playwright/test';
import { LessonPage } from './LessonPage';

/**
 * The sandbox page: the lesson page's run view and editor (driven as in `LessonPage`) with the scenario
 * form on the left. Two save states are on screen (the scenario's and the code's), so each is read where
 * it is.
 */
export class SandboxPage extends LessonPage {
  readonly panel: Locator;

  constructor(page: Page) {
    super(page);
    this.panel = page.getByTestId('sandbox-panel');
  }

  /** Open the sandbox from the course map, as a learner would. */
  async openFromCourseMap(): Promise<void> {
    await this.page.goto('./#/');
    await this.page.getByTestId('course-sandbox-link').click();
    await this.expectOpen();
  }

  async expectOpen(): Promise<void> {
    await expect(this.page.getByTestId('sandbox-page')).toBeVisible({ timeout: 30_000 });
  }

  /** Add a role and name it (the name commits on Enter, as a rename does). */
  async addRole(name: string, nodes = 1): Promise<void> {
    const i = await this.panel.locator('[data-testid^="role-row-"]').count();
    await this.page.getByTestId('add-role').click();
    const field = this.page.getByTestId(`role-name-${i}`);
    await field.fill(name);
    await field.press('Enter');
    await expect(field).toHaveValue(name);
    if (nodes !== 1) await this.page.getByTestId(`role-count-${i}`).fill(String(nodes));
  }

  /** Add a link between two roles with its latency and loss. */
  async addLink(from: string, to: string, latencyMs: number, lossPct = 0): Promise<void> {
    const i = await this.panel.locator('[data-testid^="link-row-"]').count();
    await this.page.getByTestId('add-link').click();
    await this.page.getByTestId(`link-from-${i}`).selectOption(from);
    await this.page.getByTestId(`link-to-${i}`).selectOption(to);
    await this.page.getByTestId(`link-latency-${i}`).fill(String(latencyMs));
    await this.page.getByTestId(`link-loss-${i}`).fill(String(lossPct));
  }

  /** Schedule a fault on one node (crash, pause, skew) or between two (partition, slow, loss). */
  async addFault(fault: { kind: string; node: string; peer?: string; atMs: number; forMs: number }) {
    const i = await this.panel.locator('[data-testid^="fault-row-"]').count();
    await this.page.getByTestId('add-fault').click();
    await this.page.getByTestId(`fault-kind-${i}`).selectOption(fault.kind);
    await this.page.getByTestId(`fault-node-${i}`).selectOption(fault.node);
    if (fault.peer !== undefined) await this.page.getByTestId(`fault-peer-${i}`).selectOption(fault.peer);
    await this.page.getByTestId(`fault-at-${i}`).fill(String(fault.atMs));
    await this.page.getByTestId(`fault-for-${i}`).fill(String(fault.forMs));
  }

  problems(): Locator {
    return this.page.getByTestId('sandbox-problems');
  }

  /** Both the scenario and the code say "Saved" only once the browser has written them. */
  override async expectSaved(): Promise<void> {
    for (const where of [this.panel, this.page.locator('.code-pane')])
      await expect(where.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', {
        timeout: 15_000,
      });
  }
}
