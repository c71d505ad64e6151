import { defineScenario } from '@playground/scenario';

/**
 * Two clients send requests on behalf of 40 users (ids drawn per seed) to a router in front of two v1
 * replicas. At a time drawn per seed the release asks for v2, which is broken on some seeds (drawn by the
 * release): a bad v2 works for a while after it boots, then fails a good share of its requests. The nemesis
 * pauses one v1 replica for a while, at a time drawn per seed.
 */
export default defineScenario({
  roles: {
    client: {
      count: 2,
      editable: false,
      description: 'Sends a request every 20 ms for one of its 20 users, drawn at random',
    },
    router: { description: 'Routes each user to v1 or v2; runs the canary: promote or roll back' },
    release: {
      editable: false,
      description: 'Asks the router to deploy v2 once; on some seeds the build is bad',
    },
    v1: { count: 2, editable: false, description: 'The current version' },
    v2: { count: 0, editable: false, description: 'The new version, spawned by the router from the image' },
  },
  network: { defaults: { latency: { kind: 'uniform', min: 2, max: 8 } } },
  nemesis: [{ kind: 'pause', node: 'v1', at: [1500, 7000], for: [300, 800] }],
  until: 11_000,
  metrics: ['canary_pct'],
});
