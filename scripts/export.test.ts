/**
 * The Kubernetes export: every lesson exports, every manifest validates against the Kubernetes schema
 * (kubernetes-models' `.validate()`, offline), the kustomization lists exactly the files there are, and the
 * manifests are snapshot-tested per lesson (the runner is a placeholder there: it has its own build).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Service } from 'kubernetes-models/v1/Service';
import { buildBundle } from '../workers/deploy/k8s-bundle';
import { buildManifests } from '../workers/deploy/k8s-manifests';
import { place } from '../workers/deploy/placement';
import { everyExercise } from './lib/lesson-source';

const lessons = await everyExercise(false);

describe('Kubernetes export', () => {
  it.each(lessons.map((l) => [l.lessonId, l] as const))(
    '%s exports, validates, and matches its snapshot',
    async (_id, lesson) => {
      const { checks: _checks, ...scenario } = lesson.scenario;
      const placement = place(lesson.lessonId, scenario, lesson.roles);
      for (const manifest of buildManifests(placement)) expect(() => manifest.validate()).not.toThrow();

      const files = buildBundle({
        lessonId: lesson.lessonId,
        scenario,
        roles: lesson.roles,
        runner: '// runner',
      });
      const kustomization = parse(files['k8s/kustomization.yaml']!) as { resources: string[] };
      const k8sFiles = Object.keys(files).filter(
        (f) => f.startsWith('k8s/') && f !== 'k8s/kustomization.yaml',
      );
      expect(kustomization.resources.map((r) => `k8s/${r}`).sort()).toEqual(k8sFiles.sort());
      for (const role of lesson.roles) expect(files[`lesson/${role.file}`]).toBe(role.source);
      // Every node of the scenario is a Compose service, and every role has a Service (DNS is the discovery).
      const compose = parse(files['compose.yaml']!) as { services: Record<string, unknown> };
      expect(Object.keys(compose.services)).toHaveLength(placement.roles.reduce((n, r) => n + r.count, 0));
      for (const role of placement.roles) expect(files[`k8s/service-${role.dns}.yaml`]).toBeDefined();

      const snapshot = ['Dockerfile', 'compose.yaml', ...k8sFiles.sort()]
        .map((f) => `# ---- ${f}\n${files[f]}`)
        .join('\n');
      await expect(snapshot).toMatchFileSnapshot(`__snapshots__/k8s/${lesson.lessonId}.yaml`);
    },
  );

  it('puts the sidecar, ambassador and adapter in the Pod of the app they serve', () => {
    const lesson = lessons.find((l) => l.lessonId === 'sidecar-ambassador-adapter')!;
    const { checks: _checks, ...scenario } = lesson.scenario;
    const app = place(lesson.lessonId, scenario, lesson.roles).groups.find((g) => g.host.role === 'app')!;
    expect(app.members.map((m) => m.role)).toEqual(['app', 'sidecar', 'ambassador', 'adapter']);
    expect(new Set(app.members.map((m) => m.port)).size).toBe(4);
  });

  it('gives a node with storage a StatefulSet and a volume, and replicas from the scenario', () => {
    const lesson = lessons.find((l) => l.lessonId === 'event-sourcing')!;
    const { checks: _checks, ...scenario } = lesson.scenario;
    const files = buildBundle({ lessonId: lesson.lessonId, scenario, roles: lesson.roles, runner: '' });
    const ledger = parse(files['k8s/statefulset-ledger.yaml']!);
    expect(ledger.spec.volumeClaimTemplates[0].metadata.name).toBe('storage');
    expect(ledger.spec.template.spec.containers[0].volumeMounts[0].mountPath).toBe('/data');
    const replicated = lessons.find((l) => l.lessonId === 'replicated-service')!;
    const { checks: _c, ...rs } = replicated.scenario;
    const servers = parse(
      buildBundle({ lessonId: 'replicated-service', scenario: rs, roles: replicated.roles, runner: '' })[
        'k8s/statefulset-server.yaml'
      ]!,
    );
    expect(servers.spec.replicas).toBe(3);
  });

  it('the schema check catches a wrong manifest', () => {
    const wrong = new Service({
      metadata: { name: 'x' },
      // A port must be a number: the types forbid this, and so does the schema.
      // @ts-expect-error port is a number
      spec: { ports: [{ port: 'eighty' }] },
    });
    expect(() => wrong.validate()).toThrow();
  });
});
