import { defineScenario } from '@playground/scenario';

/**
 * An order goes from the client to the gateway, which asks two services in parallel; each reads the store.
 * Drawn per seed: a service paused (alive but silent) for longer than a call's timeout, a slow link from
 * the gateway to a service, and a lossy one.
 */
export default defineScenario({
  roles: {
    client: { editable: false, description: 'An order every 25 ms, each the root of a new trace' },
    gateway: { description: 'Asks both services in parallel, answers, and samples traces (you edit this)' },
    service: {
      count: 2,
      editable: false,
      description:
        'service-1: stock, service-2: price; passes the trace on to the store; one call in twenty is slow',
    },
    store: { editable: false, description: 'Answers reads in 2-6 ms' },
    tracer: { editable: false, description: 'Keeps the traces the gateway tells it to keep' },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 }, loss: 0.005 } },
  nemesis: [
    { kind: 'pause', node: 'service', at: [1000, 6500], for: [400, 900] },
    {
      kind: 'slow',
      from: 'gateway',
      to: 'service',
      at: [1000, 7000],
      for: [500, 1000],
      latency: { kind: 'constant', ms: 120 },
    },
    { kind: 'flaky', from: 'service', to: 'gateway', at: [1000, 7000], for: [500, 1000], loss: 0.3 },
  ],
  until: 11_000,
  metrics: ['kept'],
});
