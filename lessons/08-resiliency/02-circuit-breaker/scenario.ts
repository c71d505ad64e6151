import { defineScenario } from '@playground/scenario';

/**
 * Two clients call a service through a gateway. Drawn per seed: the service hangs (paused: alive, answering
 * nothing) for 3 to 5 s; before that its links lose a few messages for a while, and after it they are slow
 * for a while, so single calls fail while the service is healthy.
 */
export default defineScenario({
  roles: {
    client: {
      count: 2,
      editable: false,
      description: 'Sends a request every 40 ms, waits at most 1.5 s for each',
    },
    gateway: { description: 'Calls the service for each request; answers a fallback when it cannot' },
    service: {
      editable: false,
      description: 'Does the work of a call (5-15 ms) and answers with a token of its own',
    },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 } } },
  nemesis: [
    // The dependency hangs: it answers nothing for 3 to 5 s, far longer than the gateway's 300 ms timeout.
    { kind: 'pause', node: 'service', at: [3500, 6000], for: [3000, 5000] },
    // Before that, its links lose 5% of messages for a while: now and then one call fails.
    { kind: 'flaky', from: 'service', to: 'gateway', at: [300, 1500], for: [1000, 1800], loss: 0.05 },
    // After it, they are slow for a while: now and then a call takes longer than 300 ms.
    {
      kind: 'slow',
      from: 'service',
      to: 'gateway',
      at: [12_800, 13_200],
      for: [1000, 1500],
      latency: { kind: 'uniform', min: 20, max: 170 },
    },
  ],
  until: 15_000,
  metrics: ['breaker', 'latency_ms'],
});
