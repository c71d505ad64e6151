import { defineScenario } from '@playground/scenario';

export default defineScenario({
  id: 'event-sourcing',
  title: 'Event sourcing',
  roles: {
    client: {
      file: 'roles/client.ts',
      editable: false,
      description:
        'Deposits, withdraws and asks for balances every 60 ms (accounts drawn per seed); retries a command unanswered in 500 ms',
    },
    ledger: {
      file: 'roles/ledger.ts',
      description: 'Keeps account balances; its event log lives in storage (you edit this one)',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 3, max: 12 } },
    // Some answers are lost on the way back, so the client sends a command the ledger has already recorded.
    links: [{ from: 'ledger', to: 'client', direction: 'one-way', loss: 0.05 }],
  },
  // Drawn per seed: the ledger crashes twice (memory lost, node.storage kept), each time for 0.3-1 s, far
  // longer than the client's 500 ms timeout; and it is paused once (alive but silent) for 0.2-0.8 s, so the
  // client's retries pile up and arrive together when it resumes.
  nemesis: [
    { kind: 'crash', node: 'ledger', at: [1500, 3500], down: [300, 1000] },
    { kind: 'crash', node: 'ledger', at: [5000, 7000], down: [300, 1000] },
    { kind: 'pause', node: 'ledger', at: [1000, 8000], for: [200, 800] },
  ],
  until: 9000,
  metrics: ['events', 'balance_first'],
});
