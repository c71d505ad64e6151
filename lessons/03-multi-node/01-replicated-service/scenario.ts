import { defineScenario } from '@playground/scenario';

export default defineScenario({
  id: 'replicated-service',
  title: 'Replicated load-balanced service',
  roles: {
    client: {
      file: 'roles/client.ts',
      editable: false,
      description:
        'Sends a `work` request (an input drawn per seed) every 100 ms; waits up to 2 s for each reply',
    },
    balancer: {
      file: 'roles/balancer.ts',
      description: 'Spreads requests over the replicas (you edit this one)',
    },
    server: {
      file: 'roles/server.ts',
      count: 3,
      editable: false,
      description: 'Identical replicas; the work is idempotent, so any of them can answer any request',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 5, max: 15 } },
  },
  // Drawn per seed: one replica crashes for 1.5-3 s (far longer than the balancer's 300 ms timeout) and
  // restarts, empty-handed but healthy; one replica (maybe the same) is paused for 0.4-1.5 s: alive, but
  // silent, and it finishes the work it held when it resumes.
  nemesis: [
    { kind: 'crash', node: 'server', at: [1000, 4000], down: [1500, 3000] },
    { kind: 'pause', node: 'server', at: [1000, 7000], for: [400, 1500] },
  ],
  until: 10_000,
  metrics: ['latency_ms', 'unanswered'],
});
