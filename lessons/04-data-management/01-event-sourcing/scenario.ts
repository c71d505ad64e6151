import { defineScenario } from '@playground/scenario';

export default defineScenario({
  id: 'event-sourcing',
  title: 'Event sourcing',
  roles: {
    client: {
      file: 'roles/client.ts',
      editable: false,
      description: 'Deposits, withdraws and asks for balances every 60 ms',
    },
    ledger: {
      file: 'roles/ledger.ts',
      description: 'Keeps account balances; its event log lives in storage (you edit this one)',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 3, max: 12 } },
  },
  // The ledger crashes twice. Memory is lost each time; node.storage survives.
  faults: [
    { at: 3000, kind: 'crash', node: 'ledger' },
    { at: 3600, kind: 'restart', node: 'ledger' },
    { at: 6200, kind: 'crash', node: 'ledger' },
    { at: 6500, kind: 'restart', node: 'ledger' },
  ],
  until: 9000,
  metrics: ['events', 'balance_alice'],
});
