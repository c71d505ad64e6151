import { defineScenario } from '@playground/scenario';

export default defineScenario({
  id: 'sharding',
  title: 'Sharding with consistent hashing',
  roles: {
    client: {
      file: 'roles/client.ts',
      editable: false,
      description:
        'Writes 80 keys drawn per seed, then sweeps over them, reading or overwriting each, one request at a time',
    },
    router: {
      file: 'roles/router.ts',
      description:
        'Sends each key to the shard that owns it; moves keys when shards change (you edit this one)',
    },
    shard: {
      file: 'roles/shard.ts',
      count: 3,
      editable: false,
      description: 'Holds the keys the router gives it, in memory',
    },
    operator: {
      file: 'roles/operator.ts',
      editable: false,
      description: 'Adds a fourth shard at 4.5-5.5 s, then retires one shard at 10-11 s (drawn per seed)',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 2, max: 8 } },
  },
  // The main disruption is not a failure but growth and shrinking (the operator's reshards). Besides, drawn
  // per seed: one shard is paused (slow but alive) for 0.3-1.2 s, and one shard's link to the router turns
  // slow (250 ms each way) for 1-2 s, at any time, reshards included.
  nemesis: [
    { kind: 'pause', node: 'shard', at: [2000, 16_000], for: [300, 1200] },
    {
      kind: 'slow',
      from: 'shard',
      to: 'router',
      at: [2000, 16_000],
      for: [1000, 2000],
      latency: { kind: 'constant', ms: 250 },
    },
  ],
  until: 18_000,
  metrics: ['keys_moved', 'wrong_reads'],
});
