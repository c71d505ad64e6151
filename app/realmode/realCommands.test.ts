import { describe, expect, it } from 'vitest';
import { realCommands } from './realCommands';

describe('realCommands', () => {
  it('runs the lesson as it is when nothing was edited', () => {
    expect(realCommands('request-reply', [])).toEqual({
      real: 'npm run real -- request-reply --check',
      export: 'npm run export -- k8s request-reply',
      compose: 'cd playground-request-reply && docker compose up --build',
    });
  });

  it("takes a step's exercise and the learner's files from the bundle", () => {
    const c = realCommands('sidecar-ambassador-adapter/step-2', [
      { role: 'sidecar', file: 'roles/sidecar.ts' },
    ]);
    expect(c.real).toBe(
      'npm run real -- sidecar-ambassador-adapter --step 2 --role sidecar=playground-sidecar-ambassador-adapter-step-2/lesson/roles/sidecar.ts --check',
    );
  });
});
