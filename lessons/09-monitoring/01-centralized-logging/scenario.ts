import { defineScenario } from '@playground/scenario';

/**
 * Three services log a line per item of every cart they serve, and ship the lines to one collector. Drawn
 * per seed: the collector crashes for longer than any timeout, one service crashes (memory lost, storage
 * kept), one service's clock is set back, and the collector's link loses many messages for a while (batches
 * and acks alike).
 */
export default defineScenario({
  roles: {
    client: {
      editable: false,
      description: 'A cart request every 20 ms to a service drawn per request (users and items per seed)',
    },
    service: {
      count: 3,
      description: 'Serves carts and logs a line per item (do not change); ships its lines (you edit this)',
    },
    collector: { description: 'Files every line it gets in node.storage (you edit this)' },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 10 }, loss: 0.01 } },
  nemesis: [
    { kind: 'crash', node: 'collector', at: [1500, 5000], down: [1500, 3000] },
    { kind: 'crash', node: 'service', at: [1000, 8000], down: [400, 1200] },
    { kind: 'skew', node: 'service', at: [1000, 7000], offsetMs: [-900, -300] },
    { kind: 'flaky', from: 'collector', to: 'service', at: [1000, 8000], for: [600, 1200], loss: 0.4 },
  ],
  until: 12_000,
  metrics: ['buffered'],
});
