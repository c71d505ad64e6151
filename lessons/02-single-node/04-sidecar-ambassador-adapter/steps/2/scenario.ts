import { defineScenario } from '@playground/scenario';

/** Links between containers of one pod: the same machine, so fast and reliable. */
const localhost = { latency: { kind: 'constant', ms: 1 }, loss: 0 } as const;

/**
 * The lesson's pod, with a second caller at the front door: `intruder` looks up other users' records
 * without a valid token. The sidecar must turn it away; the app cannot tell the two callers apart.
 */
export default defineScenario({
  id: 'sidecar-ambassador-adapter',
  title: 'Sidecar, ambassador, adapter: a sidecar that checks tokens',
  roles: {
    client: {
      file: 'roles/client.ts',
      count: 1,
      editable: false,
      description: 'Looks up a user every 200 ms, through the sidecar, with its token',
    },
    intruder: {
      file: 'roles/intruder.ts',
      count: 1,
      editable: false,
      description: 'Looks up other users every 300 ms, with no token or a guessed one',
    },
    sidecar: {
      file: 'roles/sidecar.ts',
      count: 1,
      editable: true,
      description: 'In the pod, on the way in: checks tokens and times every request',
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
