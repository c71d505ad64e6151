import { defineScenario } from '@playground/scenario';

/** Links between containers of one pod: the same machine, so fast and reliable. */
const localhost = { latency: { kind: 'constant', ms: 1 }, loss: 0 } as const;

/**
 * One legacy app and its three helpers, colocated like containers in a pod: a sidecar on the way in, an
 * ambassador on the way out, an adapter for monitoring. Drawn per seed: which replica's link turns slow,
 * which replica crashes (and when, for how long), which one stalls later.
 */
export default defineScenario({
  id: 'sidecar-ambassador-adapter',
  title: 'Sidecar, ambassador, adapter',
  roles: {
    client: {
      file: 'roles/client.ts',
      count: 1,
      editable: false,
      description: 'Looks up a user every 200 ms, through the sidecar',
    },
    sidecar: {
      file: 'roles/sidecar.ts',
      count: 1,
      editable: true,
      description: 'In the pod, on the way in: times every request',
    },
    app: {
      file: 'roles/app.ts',
      count: 1,
      editable: false,
      description: 'The legacy app: cannot be changed',
    },
    ambassador: {
      file: 'roles/ambassador.ts',
      count: 1,
      editable: true,
      description: 'In the pod, on the way out: talks to the databases for the app',
    },
    adapter: {
      file: 'roles/adapter.ts',
      count: 1,
      editable: true,
      description: "In the pod: translates the app's stats for the monitor",
    },
    monitor: {
      file: 'roles/monitor.ts',
      count: 1,
      editable: false,
      description: 'Scrapes metrics every second, in its own format',
    },
    db: {
      file: 'roles/db.ts',
      count: 2,
      editable: false,
      description: 'Two replicas of the user database',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 10, max: 30 }, loss: 0 },
    links: [
      { from: 'sidecar', to: 'app', ...localhost },
      { from: 'app', to: 'ambassador', ...localhost },
      { from: 'app', to: 'adapter', ...localhost },
    ],
  },
  nemesis: [
    // Early on, the link from one replica to the ambassador turns slow: its answers take over 250 ms.
    {
      kind: 'slow',
      from: 'db',
      to: 'ambassador',
      at: [500, 1200],
      for: [500, 900],
      latency: { kind: 'uniform', min: 260, max: 400 },
    },
    // One replica (either) crashes for 1.5 to 3.5 s: far longer than any timeout.
    { kind: 'crash', node: 'db', at: [2200, 4500], down: [1500, 3500] },
    // Later one replica (either) stalls: alive, answering nothing, for 0.4 to 1.2 s.
    { kind: 'pause', node: 'db', at: [8200, 9500], for: [400, 1200] },
  ],
  until: 12_000,
  metrics: ['request_ms', 'app_requests_total', 'app_errors_total'],
});
