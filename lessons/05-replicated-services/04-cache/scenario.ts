import { defineScenario } from '@playground/scenario';

/**
 * Three clients read keys through a cache in front of two replicas; a writer changes a key now and then on
 * both replicas. Drawn per seed: one replica crashes for 2 to 3 s, the other hangs (paused) for 1 to 2 s
 * later (never both at once), and the cache's wall clock is set back by 1.5 to 3 s.
 */
export default defineScenario({
  roles: {
    client: {
      count: 3,
      editable: false,
      description: 'Reads a key every 8-16 ms (some keys far more than others), waits at most 1 s',
    },
    cache: { description: 'Answers reads from memory when it can, from a replica when it must' },
    replica: {
      count: 2,
      editable: false,
      description: 'Answers a read in 60-100 ms with the key’s value and version',
    },
    writer: {
      editable: false,
      description: 'Every 300-700 ms writes a new value of one key to both replicas',
    },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 } } },
  nemesis: [
    // A replica dies for longer than the cache's 250 ms timeout: its reads must go to the other one.
    { kind: 'crash', node: 'replica', at: [2000, 4000], down: [2000, 3000] },
    // Later, one hangs: alive, answering nothing.
    { kind: 'pause', node: 'replica', at: [7000, 8000], for: [1000, 2000] },
    // The cache's wall clock is set back: a TTL measured on node.now() lasts seconds longer.
    { kind: 'skew', node: 'cache', at: [1000, 5000], offsetMs: [-3000, -1500] },
  ],
  until: 11_000,
  metrics: ['hit_rate', 'backend_per_s'],
});
