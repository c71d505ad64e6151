import { defineScenario } from '@playground/scenario';

/**
 * Three clients read six keys through a proxy, 30 reads a second in all. Drawn per seed: the server goes
 * down for longer than any timeout, stalls (paused), its link from the proxy turns slow, and the proxy's
 * wall clock is set ahead or back.
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
  nemesis: [
    // The server is down for 1.5 to 4 s: longer than the proxy's 300 ms and the clients' 1000 ms.
    { kind: 'crash', node: 'server', at: [2000, 5500], down: [1500, 4000] },
    // Later it stalls: alive, but it answers nothing for 0.4 to 1.5 s.
    { kind: 'pause', node: 'server', at: [8000, 9500], for: [400, 1500] },
    // The link between proxy and server turns slow for a while: some answers come back after 300 ms.
    {
      kind: 'slow',
      from: 'proxy',
      to: 'server',
      at: [1000, 9000],
      for: [800, 2000],
      latency: { kind: 'uniform', min: 60, max: 220 },
    },
    // The proxy's wall clock (node.now()) is set ahead or back for a while.
    { kind: 'skew', node: 'proxy', at: [1000, 8000], offsetMs: [-1500, 1500], for: [1000, 3000] },
  ],
  until: 12_000,
  metrics: ['server_gets_per_s', 'hit_ratio'],
});
