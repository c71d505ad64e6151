/**
 * Builds the lesson's Kubernetes bundle in the browser (the same builder as `npm run export`) for the code
 * as the learner has it now, zips it with fflate, and hands it to the browser as a download. Loaded only
 * when the learner asks (kubernetes-models, yaml and fflate stay out of the page's first load).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { RoleSource } from '../../workers/kernel/protocol';
import type { ScenarioData } from '../../workers/kernel/scenario';
import { buildBundle, RUNNER_FILE } from '../../workers/deploy/k8s-bundle';
import { bundleFolder } from './realCommands';

export interface BundleRequest {
  exerciseId: string;
  scenario: ScenarioData;
  roles: RoleSource[];
}

/** The zip's bytes: every file under one folder named after the exercise. */
export async function makeBundleZip({ exerciseId, scenario, roles }: BundleRequest): Promise<Uint8Array> {
  const response = await fetch(new URL(`runner/${RUNNER_FILE}`, document.baseURI));
  if (!response.ok) throw new Error(`the node runner is missing from the site (${response.status})`);
  const runner = await response.text();
  const lessonId = exerciseId.replace(/\/step-\d+$/, '');
  const files = buildBundle({ lessonId, scenario, roles, runner });
  const folder = bundleFolder(exerciseId);
  const zippable: Zippable = {};
  // A fixed date: the same code gives the same zip.
  for (const [path, text] of Object.entries(files))
    zippable[`${folder}/${path}`] = [strToU8(text), { mtime: new Date(2024, 0, 1) }];
  return zipSync(zippable, { level: 6 });
}

export async function downloadBundle(request: BundleRequest): Promise<void> {
  const bytes = await makeBundleZip(request);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${bundleFolder(request.exerciseId)}.zip`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
