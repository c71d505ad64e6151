import { defineScenario } from '@playground/scenario';

/**
 * Two clients send requests for two services through one gateway. Drawn per seed: one service's links turn
 * slow for seconds (every call to it outlives the gateway's 1 s timeout), and later a service (the same or
 * the other) is paused for longer than that timeout: slow but alive, both times.
 */
export default defineScenario({
  roles: {
    client: {
      count: 2,
      editable: false,
      description: 'Sends a request for service-1 or service-2 every 40 ms, waits at most 1.5 s for each',
    },
    gateway: { description: 'Calls the service each request names, at most 10 calls at once' },
    service: {
      count: 2,
      editable: false,
      description: 'Does the work of a call (5-15 ms) and answers with a token of its own',
    },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 } } },
  nemesis: [
    // One service's links turn slow: 1.5 to 2.5 s each way, far past the gateway's 1000 ms timeout.
    {
      kind: 'slow',
      from: 'service',
      to: 'gateway',
      at: [1500, 4000],
      for: [3000, 4500],
      latency: { kind: 'uniform', min: 1500, max: 2500 },
    },
    // Later a service stalls (a long pause: alive, answering nothing) for longer than that timeout.
    { kind: 'pause', node: 'service', at: [10_800, 11_300], for: [1500, 2000] },
  ],
  until: 16_000,
  metrics: ['in_flight', 'latency_ms'],
});
