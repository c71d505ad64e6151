import { defineScenario } from '@playground/scenario';

/**
 * A client submits 40 jobs, about 10 a second; each takes a worker 300 to 700 ms. The factory makes the
 * workers. Drawn per seed: when every worker dies, when every worker stalls and for how long, and how far
 * the factory's wall clock jumps. The network now and then delivers a message twice.
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
      description: 'Made by the factory; does one job at a time (300 to 700 ms each)',
    },
    client: {
      file: 'roles/client.ts',
      count: 1,
      editable: false,
      description: 'Submits 40 jobs, about 10 a second',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 5, max: 20 }, duplicate: 0.03 },
  },
  nemesis: [
    // Every worker alive at that moment dies, for good: the factory must notice and replace them.
    { kind: 'kill', node: 'worker', every: true, at: [1500, 4500] },
    // Every worker stalls (alive, answering nothing), sometimes for less than 1500 ms, sometimes for more.
    { kind: 'pause', node: 'worker', every: true, at: [5000, 6500], for: [500, 2500] },
    // The factory's wall clock jumps ahead or back (node.now(); node.monotonic() does not move).
    { kind: 'skew', node: 'factory', at: [1000, 6000], offsetMs: [-2000, 2000], for: [1000, 3000] },
  ],
  until: 12_000,
  metrics: ['queued', 'workers', 'done'],
});
