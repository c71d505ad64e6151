import { defineScenario } from '@playground/scenario';

export default defineScenario({
  id: 'replicated-service',
  title: 'Replicated load-balanced service',
  roles: {
    client: {
      file: 'roles/client.ts',
      editable: false,
      description: 'Sends a `work` request every 100 ms; waits up to 2 s for each reply',
    },
    balancer: {
      file: 'roles/balancer.ts',
      description: 'Spreads requests over the replicas (you edit this one)',
    },
    server: {
      file: 'roles/server.ts',
      count: 3,
      editable: false,
      description: 'Identical, stateless replicas: any of them can answer any request',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 5, max: 15 } },
  },
  // server-2 dies at 2 s and comes back, empty-handed but healthy, at 6 s.
  faults: [
    { at: 2000, kind: 'crash', node: 'server-2' },
    { at: 6000, kind: 'restart', node: 'server-2' },
  ],
  until: 10_000,
  metrics: ['latency_ms', 'unanswered'],
});
