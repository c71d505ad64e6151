import { defineScenario } from '@playground/scenario';

/**
 * Two clients send requests (a quarter of them slow) to a router in front of two blue replicas. At a time
 * drawn per seed the release role asks the router to deploy v2; on some seeds (drawn by the release role)
 * the v2 build is broken. The nemesis crashes one blue replica and pauses another around the cutover, at
 * times and for lengths drawn per seed.
 */
export default defineScenario({
  roles: {
    client: {
      count: 2,
      editable: false,
      description: 'Sends a request every 20 ms (a quarter of them slow: 300-800 ms of work)',
    },
    router: { description: 'Routes requests to the live color; deploys green and retires blue' },
    release: {
      editable: false,
      description: 'Asks the router to deploy v2 once, at a time drawn per seed; some builds are broken',
    },
    blue: { count: 2, editable: false, description: 'v1 replicas: do the work of a request' },
    green: {
      count: 0,
      editable: false,
      description: 'v2 replicas, spawned by the router with the image the release gives',
    },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 } } },
  nemesis: [
    { kind: 'crash', node: 'blue', at: [1500, 4500], down: [800, 1500] },
    { kind: 'pause', node: 'blue', at: [2500, 4500], for: [400, 1200] },
  ],
  until: 10_000,
  metrics: ['live_green', 'latency_ms'],
});
