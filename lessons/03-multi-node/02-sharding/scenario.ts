import { defineScenario } from '@playground/scenario';

export default defineScenario({
  id: 'sharding',
  title: 'Sharding with consistent hashing',
  roles: {
    client: {
      file: 'roles/client.ts',
      editable: false,
      description: 'Writes 80 keys, then reads and overwrites them at random, one request at a time',
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
      description: 'Adds a fourth shard at 5000 ms (scaling out)',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 2, max: 8 } },
  },
  // The disruption here is not a failure but growth: the operator spawns a new shard at 5000 ms.
  faults: [],
  until: 10_000,
  metrics: ['keys_moved', 'wrong_reads'],
});
