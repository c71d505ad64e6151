import { expect, type Locator, type Page } from '@playwright/test';

/** The home page: chapters and their lessons. */
export class CourseMap {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('course-map');
  }

  async goto(): Promise<void> {
    await this.page.goto('./');
    await expect(this.root).toBeVisible();
  }

  chapters(): Locator {
    return this.root.locator('.chapter-card');
  }

  lessonLink(lessonId: string): Locator {
    return this.page.getByTestId(`lesson-link-${lessonId}`);
  }
}
