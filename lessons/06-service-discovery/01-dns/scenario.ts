import { defineScenario } from '@playground/scenario';

/**
 * DNS-based discovery. Clients find the `api` service by name: the `dns` node answers with the instances'
 * names and a TTL (drawn per seed). The `ops` node replaces the instances one by one under new names, at
 * times drawn per seed, and stops each old one soon after taking it out of DNS (sooner than the TTL), and
 * once hangs one instance that DNS still lists. Drawn per seed too: lossy links from a client to the DNS,
 * and clock corrections on the clients' wall clocks.
 */
export default defineScenario({
  roles: {
    user: {
      editable: false,
      description: 'Sends a numbered request every 20 ms, to each client in turn; waits 1 s for each',
    },
    client: {
      count: 2,
      description: 'Finds the api instances through DNS and sends each request to one of them',
    },
    dns: {
      editable: false,
      description: 'Answers lookups of the name api with the instances and a TTL',
    },
    ops: {
      editable: false,
      description: 'The deployer: starts instances, updates DNS, replaces instances one by one',
    },
    server: {
      count: 0,
      editable: false,
      description: 'An api instance, started and stopped by ops; does the work in 3-10 ms',
    },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 } } },
  nemesis: [
    // A client's link to the DNS loses a quarter of its messages for a while: lookups must be retried.
    { kind: 'flaky', from: 'client', to: 'dns', at: [1500, 11_000], for: [1000, 2500], loss: 0.25, count: 2 },
    // Clock corrections move the clients' wall clocks (node.now()) up to 1.5 s ahead or back.
    { kind: 'skew', node: 'client', at: [500, 12_000], offsetMs: [-1500, 1500], for: [1500, 3000], count: 4 },
  ],
  until: 14_000,
  metrics: ['records', 'stale_window', 'failed_sends'],
});
