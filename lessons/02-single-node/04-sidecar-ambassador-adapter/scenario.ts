import { defineScenario } from '@playground/scenario';

/** Links between containers of one pod: the same machine, so fast and reliable. */
const localhost = { latency: { kind: 'constant', ms: 1 }, loss: 0 } as const;

/**
 * One legacy app and its three helpers, colocated like containers in a pod: a sidecar on the way in, an
 * ambassador on the way out, an adapter for monitoring. db-1 crashes at 4 s and comes back at 8 s.
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
  faults: [
    { at: 4000, kind: 'crash', node: 'db-1' },
    { at: 8000, kind: 'restart', node: 'db-1' },
  ],
  until: 12_000,
  metrics: ['request_ms', 'app_requests_total', 'app_errors_total'],
});
