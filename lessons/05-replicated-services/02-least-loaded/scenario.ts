import { defineScenario } from '@playground/scenario';

/**
 * Four replicas behind a balancer that health-checks them. The `ops` node turns one replica gray for a few
 * seconds (which one, when and for how long drawn per seed): its work takes 10 to 400 ms while it still
 * answers every health check at once.
 */
export default defineScenario({
  roles: {
    client: {
      count: 2,
      editable: false,
      description: 'Sends a numbered request every 10 ms, waits at most 2 s for each',
    },
    balancer: { description: 'Picks a server per request' },
    server: {
      count: 4,
      editable: false,
      description: 'Does the work (5-15 ms, or 10-400 ms while degraded); health checks pass either way',
    },
    ops: {
      editable: false,
      description: 'Degrades one server for a while (the gray failure)',
    },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 1, max: 4 } } },
  nemesis: [{ kind: 'pause', node: 'server', at: [7500, 8500], for: [1200, 1600] }],
  until: 14_000,
  metrics: ['in_flight', 'latency_ms'],
});
