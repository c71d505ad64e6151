/**
 * Where a lesson's roles go in a cluster: which roles share a Pod (the book's single-node patterns), which
 * need a StatefulSet (several nodes with stable ids, or durable storage), and the address every node is
 * reached at. Pure data, shared by the Kubernetes and Compose builders (and the browser).
 */
import type { RoleSource } from '../kernel/protocol';
import { roleFile, type ScenarioData } from '../kernel/scenario';

/** The book's single-node patterns: containers beside the one they serve, in its Pod. */
export const POD_COMPANIONS = ['sidecar', 'ambassador', 'adapter'] as const;

/** The port every node's container listens on; companions in one Pod take the next ones. */
export const BASE_PORT = 8080;

export interface RolePlacement {
  role: string;
  /** Its name in the cluster (a DNS label). */
  dns: string;
  file: string;
  /** Nodes at the start (the replica count). */
  count: number;
  /** Node ids in order: the StatefulSet's ordinal k runs ids[k]. */
  ids: string[];
  /** Whether its code uses `node.storage` (then it gets a volume). */
  storage: boolean;
  port: number;
}

/** One Pod template: a role and the companions that live beside it. */
export interface PodGroup {
  /** The role whose controller owns the Pod. */
  host: RolePlacement;
  /** Every container of the Pod, the host first. */
  members: RolePlacement[];
  /** StatefulSet (stable ids, volumes) or Deployment. */
  kind: 'StatefulSet' | 'Deployment';
}

export interface Placement {
  lessonId: string;
  /** The lesson's id as a DNS label. */
  name: string;
  groups: PodGroup[];
  roles: RolePlacement[];
}

/** A DNS-1123 label from any name. */
export function dnsLabel(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return label || 'x';
}

/** Node ids of a role as the simulation names them: the role itself for one node, `role-1..n` for more. */
export function nodeIds(role: string, count: number): string[] {
  return count === 1 ? [role] : Array.from({ length: count }, (_, k) => `${role}-${k + 1}`);
}

export function place(lessonId: string, scenario: ScenarioData, roles: RoleSource[]): Placement {
  const sources = new Map(roles.map((r) => [r.role, r.source]));
  const placed: RolePlacement[] = Object.entries(scenario.roles).map(([role, spec]) => {
    const count = spec.count ?? 1;
    return {
      role,
      dns: dnsLabel(role),
      file: roleFile(role, spec),
      count,
      ids: nodeIds(role, count),
      storage: /\bstorage\s*\.\s*(set|get|delete|keys)\b/.test(sources.get(role) ?? ''),
      port: BASE_PORT,
    };
  });
  const byRole = new Map(placed.map((p) => [p.role, p]));
  // A companion joins the single-node role it has a link override with (the scenario's "localhost" link).
  const hostOf = new Map<string, string>();
  for (const p of placed) {
    if (!(POD_COMPANIONS as readonly string[]).includes(p.role) || p.count !== 1) continue;
    for (const link of scenario.network?.links ?? []) {
      const other = link.from === p.role ? link.to : link.to === p.role ? link.from : undefined;
      const host = other === undefined ? undefined : byRole.get(other);
      if (host && host.count === 1 && !(POD_COMPANIONS as readonly string[]).includes(host.role)) {
        hostOf.set(p.role, host.role);
        break;
      }
    }
  }
  const groups: PodGroup[] = [];
  for (const p of placed) {
    if (hostOf.has(p.role)) continue;
    const members = [p, ...placed.filter((c) => hostOf.get(c.role) === p.role)];
    members.forEach((m, k) => (m.port = BASE_PORT + k));
    const stateful = members.some((m) => m.storage) || p.count > 1;
    groups.push({ host: p, members, kind: stateful ? 'StatefulSet' : 'Deployment' });
  }
  return { lessonId, name: dnsLabel(lessonId), groups, roles: placed };
}

/** How nodes find each other in the cluster: Service DNS (per Pod for a StatefulSet). */
export function clusterPeers(placement: Placement): { id: string; role: string; url: string }[] {
  const peers: { id: string; role: string; url: string }[] = [];
  for (const group of placement.groups) {
    for (const member of group.members) {
      member.ids.forEach((id, k) => {
        const host =
          group.kind === 'StatefulSet' && member === group.host
            ? `${group.host.dns}-${k}.${group.host.dns}`
            : member.dns;
        peers.push({ id, role: member.role, url: `http://${host}:${member.port}` });
      });
    }
  }
  return peers;
}
