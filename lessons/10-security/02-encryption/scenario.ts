import { defineScenario } from '@playground/scenario';

/**
 * A service keeps its secrets in a vault, through its sidecar `app`, across a router an attacker controls.
 * Drawn per seed: the router's odds of tampering and replaying, the moment the transit key rotates (and who
 * hears of it first), and a crash of the vault for longer than a request's timeout.
 */
export default defineScenario({
  roles: {
    client: { editable: false, description: 'Puts and gets secrets, one at a time, through app' },
    app: { description: 'The client’s sidecar: seals requests to the vault (you edit this)' },
    router: { editable: false, description: 'The network, in an attacker’s hands: reads, flips, replays' },
    vault: { description: 'Keeps the secrets in node.storage (you edit this)' },
    kms: { editable: false, description: 'Keys by id: transit t1, then t2; storage r1' },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 2, max: 8 }, loss: 0.002 },
    links: [{ from: 'client', to: 'app', latency: { kind: 'constant', ms: 1 }, loss: 0 }],
  },
  nemesis: [{ kind: 'crash', node: 'vault', at: [3000, 9000], down: [600, 1200] }],
  until: 12_000,
});
