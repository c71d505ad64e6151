import { defineScenario } from '@playground/scenario';

/**
 * Two nodes and one wire. The wire is slow (20-60 ms), loses 15% of messages and sometimes delivers one
 * twice. Each seed's nemesis pauses the receiver once (alive but silent for 0.5-1.5 s, early), crashes it
 * once (for 1.5-3.5 s, later) and makes the link slower than a retry (400 ms) for a while, each at its own drawn time.
 * The sender's notes go out every 200 ms.
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
  nemesis: [
    { kind: 'pause', node: 'receiver', at: [500, 2500], for: [500, 1500] },
    { kind: 'crash', node: 'receiver', at: [4100, 5500], down: [1500, 3500] },
    {
      kind: 'slow',
      from: 'sender',
      to: 'receiver',
      at: [300, 8000],
      for: [500, 1500],
      latency: { kind: 'constant', ms: 400 },
    },
  ],
  until: 12_000,
  metrics: ['acked', 'received'],
});
