import { defineScenario } from '@playground/scenario';

/**
 * A client making deposits on a server that is not idempotent. Every fault is drawn per seed, one per burst
 * of deposits: the server paused (1-3 s, longer than the client's timeout), then crashed (0.8-2 s), the link
 * slowed beyond the timeout (700 ms each way), the link made lossy, and finally the client cut off from the
 * server for longer than its deadline. The client's wall clock is corrected (up to 300 ms) a few times.
 */
export default defineScenario({
  id: 'request-reply',
  title: 'Request-reply',
  roles: {
    server: {
      file: 'roles/server.ts',
      editable: false,
      description: 'A bank account: applies each deposit it gets (not idempotent without a key)',
    },
    client: { file: 'roles/client.ts', description: 'Makes 15 deposits, in bursts of three' },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 5, max: 30 }, loss: 0.05 },
  },
  nemesis: [
    { kind: 'pause', node: 'server', at: [500, 1500], for: [1000, 3000] },
    { kind: 'crash', node: 'server', at: [5500, 6500], down: [800, 2000] },
    {
      kind: 'slow',
      from: 'client',
      to: 'server',
      at: [10_500, 11_500],
      for: [1000, 2500],
      latency: { kind: 'constant', ms: 700 },
    },
    { kind: 'flaky', from: 'client', to: 'server', at: [15_500, 16_500], for: [1000, 2000], loss: 0.5 },
    { kind: 'partition', from: 'client', to: 'server', at: [22_500, 23_000], for: [9000, 10_000] },
    { kind: 'skew', node: 'client', at: [500, 33_000], offsetMs: [-300, 300], count: 3 },
  ],
  until: 35_000,
  metrics: ['balance'],
});
