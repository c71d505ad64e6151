import { defineScenario } from '@playground/scenario';

/**
 * The book's round-robin LoadBalancer in front of three replicas. The nemesis kills a replica for longer
 * than any timeout, pauses another (alive but silent), and cuts a third off from the balancer, each at times
 * drawn per seed, so the balancer must find out for itself who is healthy.
 */
export default defineScenario({
  roles: {
    client: {
      count: 2,
      editable: false,
      description: 'Sends a numbered request every 25 ms, waits at most 1 s for each',
    },
    balancer: { description: 'The book\u2019s LoadBalancer: picks a server per request' },
    server: {
      count: 3,
      editable: false,
      description: 'Does the work (5-15 ms) and answers health checks',
    },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 }, loss: 0.005 } },
  nemesis: [
    { kind: 'crash', node: 'server', at: [1500, 4000], down: [2500, 4000] },
    { kind: 'pause', node: 'server', at: [6500, 8000], for: [1200, 2000] },
    { kind: 'partition', from: 'server', to: 'balancer', at: [9500, 10500], for: [1000, 1600] },
  ],
  until: 13_000,
  metrics: ['healthy', 'latency_ms'],
});
