import { defineScenario } from '@playground/scenario';

/**
 * A client submits 40 jobs, one every 100 ms; each takes a worker 400 ms. The factory makes the workers.
 * At 2500 ms every worker there is crashes.
 */
export default defineScenario({
  id: 'factory',
  title: 'Factory: workers on demand',
  roles: {
    factory: {
      file: 'roles/factory.ts',
      count: 1,
      editable: true,
      description: 'Queues jobs, starts workers with node.spawn, hands out jobs',
    },
    worker: {
      file: 'roles/worker.ts',
      count: 0,
      editable: false,
      description: 'Made by the factory; does one job at a time (400 ms each)',
    },
    client: {
      file: 'roles/client.ts',
      count: 1,
      editable: false,
      description: 'Submits 40 jobs, one every 100 ms',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 5, max: 20 } },
  },
  // Every worker there is at 2500 ms crashes (a role name means all its nodes at that moment).
  faults: [{ at: 2500, kind: 'crash', node: 'worker' }],
  until: 10_000,
  metrics: ['queued', 'workers', 'done'],
});
