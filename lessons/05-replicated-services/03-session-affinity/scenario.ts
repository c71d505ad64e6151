import { defineScenario } from '@playground/scenario';

/**
 * Users with sessions behind a balancer. Each server keeps its users' sessions in memory; the nemesis kills
 * one server for a while and pauses another, at times drawn per seed, so sessions must move, and only then.
 */
export default defineScenario({
  roles: {
    client: {
      count: 3,
      editable: false,
      description: 'Ten users (names drawn per seed), each sending a request every 100-200 ms',
    },
    balancer: { description: 'Picks a server per request' },
    server: {
      count: 3,
      editable: false,
      description: 'Keeps each user\u2019s session (a visit count) in memory',
    },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 } } },
  nemesis: [
    { kind: 'crash', node: 'server', at: [2000, 4000], down: [2000, 3000] },
    { kind: 'pause', node: 'server', at: [7500, 8500], for: [800, 1500] },
  ],
  until: 12_000,
  metrics: ['sessions_lost'],
});
