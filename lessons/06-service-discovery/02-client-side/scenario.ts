import { defineScenario } from '@playground/scenario';

/**
 * Client-side discovery. Four api instances register with a registry and heartbeat; clients ask the
 * registry for the list and pick an instance themselves. Drawn per seed: one instance dies for good without
 * deregistering, another crashes and comes back, a third is paused; heartbeats are lossy for a while; the
 * registry is cut off from the clients for a while; and the registry's wall clock is set ahead or back.
 */
export default defineScenario({
  roles: {
    user: {
      editable: false,
      description: 'Sends a numbered request every 20 ms, to each client in turn; waits 1 s for each',
    },
    client: {
      count: 2,
      editable: false,
      description:
        'Asks the registry for the instances every 500 ms, keeps the last good list, picks one per request',
    },
    registry: { description: 'Keeps the live instances: registrations, heartbeats, leases' },
    server: {
      count: 4,
      editable: false,
      description: 'An api instance: registers at boot, heartbeats as the registry says, does the work',
    },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 } } },
  nemesis: [
    // Dies for good, without deregistering.
    { kind: 'kill', node: 'server', at: [2000, 5000] },
    // Crashes, and comes back (it registers again at boot).
    { kind: 'crash', node: 'server', at: [7000, 9000], down: [1500, 2500] },
    // Alive but frozen: no heartbeats, no work, for a while.
    { kind: 'pause', node: 'server', at: [9500, 11_000], for: [1200, 2000] },
    // A server's heartbeats are lossy for a while: one lost heartbeat must not cost it its place.
    {
      kind: 'flaky',
      from: 'server',
      to: 'registry',
      at: [1000, 11_000],
      for: [1500, 3000],
      loss: 0.3,
      count: 2,
    },
    // The registry is cut off from the clients: they keep working from their last good list.
    { kind: 'partition', from: 'registry', to: 'client', at: [3000, 9000], for: [1500, 3000] },
    // Clock corrections on the registry's wall clock (node.now()).
    {
      kind: 'skew',
      node: 'registry',
      at: [500, 10_000],
      offsetMs: [-2000, 2000],
      for: [2000, 4000],
      count: 2,
    },
  ],
  until: 14_000,
  metrics: ['registered', 'failed_sends'],
});
