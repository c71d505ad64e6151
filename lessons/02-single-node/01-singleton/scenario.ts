import { defineScenario } from '@playground/scenario';

/**
 * Three copies of one singleton job, a lock service that hands out leases, and a store the job writes to.
 * The faults cut each candidate off from the lock in turn, then crash each in turn, so whichever candidate
 * leads on a given seed is hit at least once.
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
      description: 'Lease service: one holder at a time, for 1000 ms per grant',
    },
    store: {
      file: 'roles/store.ts',
      count: 1,
      editable: false,
      description: 'Where the job writes; records who wrote',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 10, max: 50 }, loss: 0.02 },
  },
  faults: [
    { at: 3000, kind: 'partition', from: 'candidate-1', to: 'lock' },
    { at: 5000, kind: 'heal', from: 'candidate-1', to: 'lock' },
    { at: 5000, kind: 'partition', from: 'candidate-2', to: 'lock' },
    { at: 7000, kind: 'heal', from: 'candidate-2', to: 'lock' },
    { at: 7000, kind: 'partition', from: 'candidate-3', to: 'lock' },
    { at: 9000, kind: 'heal', from: 'candidate-3', to: 'lock' },
    { at: 10_000, kind: 'crash', node: 'candidate-1' },
    { at: 11_500, kind: 'restart', node: 'candidate-1' },
    { at: 11_500, kind: 'crash', node: 'candidate-2' },
    { at: 13_000, kind: 'restart', node: 'candidate-2' },
    { at: 13_000, kind: 'crash', node: 'candidate-3' },
    { at: 14_500, kind: 'restart', node: 'candidate-3' },
  ],
  until: 16_000,
  metrics: ['holder', 'job_from'],
});
