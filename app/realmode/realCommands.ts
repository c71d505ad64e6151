/**
 * The commands that run a lesson outside the browser, as the "Run it for real" panel shows them: real mode
 * on this machine, and the Kubernetes export. With edited roles, real mode takes the learner's files from
 * the downloaded bundle (`--role NAME=FILE`).
 */

/** `request-reply` or `request-reply/step-2` (a step's own exercise) as CLI arguments. */
export function lessonArgs(exerciseId: string): string {
  const m = /^(.*)\/step-(\d+)$/.exec(exerciseId);
  return m ? `${m[1]} --step ${m[2]}` : exerciseId;
}

/** The folder the bundle zip unpacks to. */
export function bundleFolder(exerciseId: string): string {
  return `playground-${exerciseId.replace(/\//g, '-')}`;
}

export interface RealCommands {
  real: string;
  export: string;
  compose: string;
}

/** `edited`: the roles whose code differs from the lesson's starter, with their files (`roles/x.ts`). */
export function realCommands(exerciseId: string, edited: { role: string; file: string }[]): RealCommands {
  const args = lessonArgs(exerciseId);
  const folder = bundleFolder(exerciseId);
  const roles = edited.map((r) => ` --role ${r.role}=${folder}/lesson/${r.file}`).join('');
  return {
    real: `npm run real -- ${args}${roles} --check`,
    export: `npm run export -- k8s ${args}${roles}`,
    compose: `cd ${folder} && docker compose up --build`,
  };
}
