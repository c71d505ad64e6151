/**
 * "Run it for real": the panel shows the commands for this lesson (naming the learner's edited role), and
 * downloads the Kubernetes bundle, zipped in the browser, holding the manifests, the runner and the code as
 * the learner has it now.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { parseAllDocuments } from 'yaml';
import { LessonPage } from './pages/LessonPage';
import { clientLogging } from './pages/source';

test.use({ viewport: { width: 1280, height: 800 } });

test('the panel gives the commands and a bundle of the code as edited', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('request-reply');
  // The client is the lesson's editable role (its server is not).
  await lesson.replaceCode('client', clientLogging('Pong'), 'Pong:');

  await page.getByTestId('run-for-real').click();
  const dialog = page.getByTestId('run-for-real-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('real-command')).toHaveText(
    'npm run real -- request-reply --role client=playground-request-reply/lesson/roles/client.ts --check',
  );
  await expect(dialog.getByTestId('export-command')).toContainText('npm run export -- k8s request-reply');

  const downloading = page.waitForEvent('download');
  await dialog.getByTestId('download-bundle').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('playground-request-reply.zip');
  await expect(dialog.getByRole('status')).toContainText('Downloaded');

  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const text = (path: string) => {
    const bytes = files[`playground-request-reply/${path}`];
    expect(bytes, path).toBeDefined();
    return strFromU8(bytes!);
  };
  expect(text('lesson/roles/client.ts')).toContain('Pong:');
  expect(text('Dockerfile')).toMatch(/^FROM node:/m);
  expect(text('node-runner.cjs').length).toBeGreaterThan(10_000);
  const kustomization = parseAllDocuments(text('k8s/kustomization.yaml'))[0]!.toJS() as {
    resources: string[];
  };
  expect(kustomization.resources).toContain('deployment-client.yaml');
  // The server keeps its balance in node.storage: a StatefulSet with a volume.
  expect(kustomization.resources).toContain('statefulset-server.yaml');
  for (const resource of kustomization.resources) {
    const [doc] = parseAllDocuments(text(`k8s/${resource}`));
    expect((doc!.toJS() as { kind: string }).kind).toMatch(/^(Namespace|Deployment|StatefulSet|Service)$/);
  }
  expect(text('compose.yaml')).toContain('PLAYGROUND_ROLE: client');
  await lesson.screenshot('run-for-real');
});
