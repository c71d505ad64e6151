import { defineScenario } from '@playground/scenario';

/**
 * The capstone: a key-value store of two shards, each a pair of replicas that copy each other's writes a
 * little later, behind one gateway that the learner writes. Drawn per seed, one at a time so a shard always
 * keeps one replica it can reach: a replica crashes (and restarts with its storage), another is paused
 * (alive, answering nothing), another is cut off from the gateway, and the gateway's clock is set off.
 */
export default defineScenario({
  roles: {
    client: {
      count: 2,
      editable: false,
      description:
        'Writes and reads its own 12 keys (drawn per seed), one request at a time, each a new trace',
    },
    gateway: {
      description:
        'Shards, balances, breaks circuits, keeps reads fresh and passes the trace on (you edit this)',
    },
    replica: {
      count: 4,
      editable: false,
      description:
        'replica-1 and replica-2 hold shard 1, replica-3 and replica-4 shard 2; each copies its writes to its twin 100-300 ms later',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 2, max: 8 }, loss: 0 },
    // Behind the gateway, now and then a message is lost: one failed call is not a dead replica.
    links: [{ from: 'gateway', to: 'replica', loss: 0.005 }],
  },
  nemesis: [
    // One fault at a time, a second apart: a shard always keeps one replica the gateway can reach, and a
    // circuit opened by one fault has closed again before the next.
    // A replica crashes for longer than any timeout, and restarts with what it had stored.
    { kind: 'crash', node: 'replica', at: [1500, 3000], down: [1500, 2200] },
    // Another (or the same) hangs: alive, answering nothing, for far longer than a call's timeout.
    { kind: 'pause', node: 'replica', at: [6300, 7500], for: [700, 1200] },
    // One is cut off from the gateway (its twin still hears it).
    { kind: 'partition', from: 'replica', to: 'gateway', at: [9700, 10_000], for: [900, 1200] },
    // The gateway's wall clock is set off: a cool-down measured on node.now() stretches or shrinks.
    { kind: 'skew', node: 'gateway', at: [1000, 9000], offsetMs: [-600, 600], for: [3000, 5000] },
  ],
  until: 14_500,
  metrics: ['open_circuits', 'stale_reads'],
});
