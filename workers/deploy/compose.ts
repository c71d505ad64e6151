/**
 * The lesson as a Docker Compose project: one service per node (Compose has no Pods, so a sidecar is a
 * service of its own), each named by its node id so the node ids are the DNS names, a named volume per node
 * whose code uses storage.
 */
import { BASE_PORT, dnsLabel, type Placement } from './placement';
import { CODE_DIR, imageName, STORAGE_DIR } from './k8s-manifests';

interface ComposeService {
  image: string;
  build?: { context: string };
  environment: Record<string, string>;
  volumes?: string[];
  restart: 'no' | 'on-failure';
}

export interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, Record<string, never>>;
}

export function buildCompose(placement: Placement): ComposeFile {
  const nodes = placement.roles.flatMap((r) => r.ids.map((id) => ({ id, role: r })));
  const peers = JSON.stringify(
    nodes.map(({ id, role }) => ({ id, role: role.role, url: `http://${dnsLabel(id)}:${BASE_PORT}` })),
  );
  const services: Record<string, ComposeService> = {};
  const volumes: Record<string, Record<string, never>> = {};
  nodes.forEach(({ id, role }, k) => {
    const name = dnsLabel(id);
    const service: ComposeService = {
      image: imageName(placement),
      // The first service builds the image; the others reuse it.
      ...(k === 0 ? { build: { context: '.' } } : {}),
      environment: {
        PLAYGROUND_ROLE: role.role,
        PLAYGROUND_ROLE_FILE: role.file,
        PLAYGROUND_CODE_DIR: CODE_DIR,
        PLAYGROUND_NODE_ID: id,
        PLAYGROUND_PEERS: peers,
        PORT: String(BASE_PORT),
        ...(role.storage ? { PLAYGROUND_STORAGE_DIR: STORAGE_DIR } : {}),
      },
      restart: 'on-failure',
    };
    if (role.storage) {
      volumes[`${name}-storage`] = {};
      service.volumes = [`${name}-storage:${STORAGE_DIR}`];
    }
    services[name] = service;
  });
  return {
    name: `playground-${placement.name}`,
    services,
    ...(Object.keys(volumes).length > 0 ? { volumes } : {}),
  };
}
