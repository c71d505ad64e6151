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
  // Only the writer <-> reader link misbehaves: flaky from 1 s, cut off from 5 s to 6.5 s; the reader
  // also crashes at 7 s and restarts at 7.3 s (its memory, the read model, is lost).
  faults: [
    {
      at: 1000,
      kind: 'link',
      from: 'writer',
      to: 'reader',
      spec: { loss: 0.1, duplicate: 0.05, reorder: 0.2, reorderMs: 60 },
    },
    { at: 5000, kind: 'partition', from: 'writer', to: 'reader' },
    { at: 6500, kind: 'heal', from: 'writer', to: 'reader' },
    { at: 7000, kind: 'crash', node: 'reader' },
    { at: 7300, kind: 'restart', node: 'reader' },
  ],
  until: 10_000,
  metrics: ['read_lag'],
});
