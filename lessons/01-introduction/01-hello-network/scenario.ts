import { defineScenario } from '@playground/scenario';

/**
 * Two nodes and one wire. The wire is slow (20-60 ms), loses 15% of messages and sometimes delivers one
 * twice; the receiver crashes at 2 s and comes back at 4 s. The sender's notes go out every 200 ms.
 */
export default defineScenario({
  id: 'hello-network',
  title: 'Hello, network',
  roles: {
    sender: {
      file: 'roles/sender.ts',
      count: 1,
      editable: true,
      description: 'Sends 30 numbered notes, one every 200 ms',
    },
    receiver: {
      file: 'roles/receiver.ts',
      count: 1,
      editable: false,
      description: 'Keeps every note it gets (on disk) and acknowledges it',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 20, max: 60 }, loss: 0.15, duplicate: 0.05 },
  },
  faults: [
    { at: 2000, kind: 'crash', node: 'receiver' },
    { at: 4000, kind: 'restart', node: 'receiver' },
  ],
  until: 10_000,
  metrics: ['acked', 'received'],
});
