import { defineScenario } from '@playground/scenario';

export default defineScenario({
  id: 'request-reply',
  title: 'Request-reply',
  roles: {
    server: { file: 'roles/server.ts', description: 'Answers every echo request' },
    client: { file: 'roles/client.ts', description: 'Sends 10 echo requests, one a second' },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 5, max: 30 }, loss: 0.2 },
  },
  faults: [
    { at: 4000, kind: 'crash', node: 'server' },
    { at: 5000, kind: 'restart', node: 'server' },
  ],
  until: 20_000,
  metrics: ['replies'],
});
