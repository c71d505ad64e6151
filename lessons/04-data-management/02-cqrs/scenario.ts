import { defineScenario } from '@playground/scenario';

export default defineScenario({
  id: 'cqrs',
  title: 'CQRS: separate write and read models',
  roles: {
    client: {
      file: 'roles/client.ts',
      editable: false,
      description: 'Casts votes (commands) to the writer and asks the reader for results (queries)',
    },
    writer: {
      file: 'roles/writer.ts',
      editable: false,
      description: 'The write model: validates votes, appends events to its log, publishes them',
    },
    reader: {
      file: 'roles/reader.ts',
      description: 'The read model: projects events into a tally and answers queries (you edit this one)',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 5, max: 15 } },
  },
  // The writer <-> reader link is flaky from 1 s on, the same on every seed. Drawn per seed: the reader is
  // cut off from the writer for 1-2.5 s (far longer than any rpc timeout), paused once for 0.2-0.6 s (alive,
  // silent) and crashed once for 0.2-0.8 s (its memory, the read model, is lost).
  faults: [
    {
      at: 1000,
      kind: 'link',
      from: 'writer',
      to: 'reader',
      spec: { loss: 0.1, duplicate: 0.05, reorder: 0.2, reorderMs: 60 },
    },
  ],
  nemesis: [
    { kind: 'partition', from: 'reader', to: 'writer', at: [2500, 5500], for: [1000, 2500] },
    { kind: 'pause', node: 'reader', at: [1500, 8000], for: [200, 600] },
    { kind: 'crash', node: 'reader', at: [6000, 8000], down: [200, 800] },
  ],
  until: 10_000,
  metrics: ['read_lag'],
});
