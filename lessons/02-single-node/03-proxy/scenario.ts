import { defineScenario } from '@playground/scenario';

/**
 * Three clients read four keys through a proxy, 30 reads a second in all. The server behind the proxy is
 * down from 5 s to 8 s.
 */
export default defineScenario({
  id: 'proxy',
  title: 'Proxy: a cache in front of the server',
  roles: {
    proxy: {
      file: 'roles/proxy.ts',
      count: 1,
      editable: true,
      description: 'Stands between the clients and the server',
    },
    server: {
      file: 'roles/server.ts',
      count: 1,
      editable: false,
      description: 'The origin: answers get with the current value',
    },
    client: {
      file: 'roles/client.ts',
      count: 3,
      editable: false,
      description: 'Reads a random key every 100 ms (gives up after 1000 ms)',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 5, max: 30 } },
  },
  faults: [
    { at: 5000, kind: 'crash', node: 'server' },
    { at: 8000, kind: 'restart', node: 'server' },
  ],
  until: 12_000,
  metrics: ['server_gets_per_s', 'hit_ratio'],
});
