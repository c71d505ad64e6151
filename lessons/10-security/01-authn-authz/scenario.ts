import { defineScenario } from '@playground/scenario';

/**
 * Users and intruders ask a gateway for records; auth issues the tokens. Drawn per seed: auth crashes for
 * longer than any timeout, the gateway's clock is set back by seconds, and (inside auth) the moment eve's
 * token is found stolen and revoked. Each intruder draws its tricks from its own stream.
 */
export default defineScenario({
  roles: {
    client: { count: 3, editable: false, description: 'ana, ben and ops (an admin): a request every 100 ms' },
    intruder: { count: 2, editable: false, description: 'eve and mal: a trick every 80 ms' },
    gateway: { description: 'Lets a request through to the records, or denies it (you edit this)' },
    auth: { editable: false, description: 'Logs nodes in, signs tokens (HMAC), revokes eve’s' },
    records: { editable: false, description: 'The backend: serves whatever reaches it' },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 }, loss: 0.002 } },
  nemesis: [
    { kind: 'crash', node: 'auth', at: [2500, 6000], down: [1500, 2500] },
    { kind: 'skew', node: 'gateway', at: [500, 2500], offsetMs: [-2500, -1200] },
  ],
  until: 14_000,
});
