import { defineScenario } from '@playground/scenario';

/**
 * Three copies of one singleton job, a lock service that hands out leases with fencing tokens, and a store
 * the job writes to (it refuses stale tokens). Every fault is drawn per seed: two candidates cut off from the
 * lock (early), two paused for longer than a lease (middle), two crashed (late), and clock corrections that
 * set candidates' and the lock's wall clocks up to 300 ms ahead or back. A candidate's jobs may crawl to the
 * store for a while (a slow link).
 */
export default defineScenario({
  id: 'singleton',
  title: 'Singleton: one leader at a time',
  roles: {
    candidate: {
      file: 'roles/candidate.ts',
      count: 3,
      editable: true,
      description: 'Runs the job, but only while it holds the lease',
    },
    lock: {
      file: 'roles/lock.ts',
      count: 1,
      editable: false,
      description: 'Lease service: one holder at a time, 1000 ms per grant, a fencing token per lease',
    },
    store: {
      file: 'roles/store.ts',
      count: 1,
      editable: false,
      description: 'Where the job writes; refuses jobs with a stale fencing token',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 10, max: 50 }, loss: 0.02 },
  },
  nemesis: [
    { kind: 'partition', from: 'candidate', to: 'lock', at: [1500, 5000], for: [1500, 3000], count: 2 },
    { kind: 'pause', node: 'candidate', at: [6000, 9500], for: [1200, 2500], count: 2 },
    { kind: 'crash', node: 'candidate', at: [10_500, 14_000], down: [1000, 2500], count: 2 },
    { kind: 'skew', node: 'candidate', at: [500, 15_500], offsetMs: [-300, 300], count: 20 },
    { kind: 'skew', node: 'lock', at: [0, 1000], offsetMs: [-300, 300] },
    {
      kind: 'slow',
      from: 'candidate',
      to: 'store',
      at: [1000, 14_000],
      for: [1000, 2000],
      latency: { kind: 'constant', ms: 600 },
    },
  ],
  until: 16_000,
  metrics: ['holder', 'job_from'],
});
