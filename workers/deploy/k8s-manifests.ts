/**
 * A lesson's Kubernetes objects, built as kubernetes-models classes so a wrong field is a type error (and
 * `.validate()` checks them against the Kubernetes OpenAPI schema). Per Pod group: a Deployment, or a
 * StatefulSet with its headless Service (and a volume per Pod when the code uses storage); a Service per
 * role, so DNS is the discovery; the single-node patterns as containers of their host's Pod.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import { Service } from 'kubernetes-models/v1/Service';
import { clusterPeers, type Placement, type PodGroup, type RolePlacement } from './placement';

export type Manifest = Deployment | StatefulSet | Service | Namespace;

/** Where role code sits in the image, and where storage is mounted. */
export const CODE_DIR = '/app/lesson';
export const STORAGE_DIR = '/data';

const PART_OF = 'app.kubernetes.io/part-of';
const NAME = 'app.kubernetes.io/name';
/** The label a Pod group's Pods carry: every role's Service selects its Pod group with it. */
const POD = 'playground.dev/pod';

export function imageName(placement: Placement): string {
  return `playground-${placement.name}:latest`;
}

export function namespaceName(placement: Placement): string {
  return `playground-${placement.name}`;
}

/** Every object of the lesson, in the order kustomize lists them. */
export function buildManifests(placement: Placement): Manifest[] {
  const out: Manifest[] = [new Namespace({ metadata: { name: namespaceName(placement) } })];
  const peers = JSON.stringify(clusterPeers(placement));
  for (const group of placement.groups) {
    out.push(
      group.kind === 'StatefulSet'
        ? statefulSet(placement, group, peers)
        : deployment(placement, group, peers),
    );
    for (const member of group.members) out.push(service(placement, group, member));
  }
  return out;
}

function labels(placement: Placement, group: PodGroup): Record<string, string> {
  return { [PART_OF]: placement.name, [POD]: group.host.dns };
}

function container(placement: Placement, group: PodGroup, member: RolePlacement, peers: string): IContainer {
  const env = [
    { name: 'PLAYGROUND_ROLE', value: member.role },
    { name: 'PLAYGROUND_ROLE_FILE', value: member.file },
    { name: 'PLAYGROUND_CODE_DIR', value: CODE_DIR },
    { name: 'PLAYGROUND_PEERS', value: peers },
    { name: 'PORT', value: String(member.port) },
    group.kind === 'StatefulSet' && member === group.host
      ? { name: 'PLAYGROUND_NODE_IDS', value: JSON.stringify(member.ids) }
      : { name: 'PLAYGROUND_NODE_ID', value: member.ids[0] ?? member.role },
  ];
  if (member.storage) env.push({ name: 'PLAYGROUND_STORAGE_DIR', value: `${STORAGE_DIR}/${member.dns}` });
  return {
    name: member.dns,
    image: imageName(placement),
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: member.port }],
    env,
    readinessProbe: { httpGet: { path: '/health', port: member.port }, periodSeconds: 2 },
    resources: { requests: { cpu: '25m', memory: '48Mi' }, limits: { memory: '128Mi' } },
    ...(member.storage ? { volumeMounts: [{ name: 'storage', mountPath: STORAGE_DIR }] } : {}),
  };
}

function podTemplate(placement: Placement, group: PodGroup, peers: string): IPodTemplateSpec {
  return {
    metadata: { labels: labels(placement, group) },
    spec: {
      containers: group.members.map((m) => container(placement, group, m, peers)),
      // The nodes speak plain HTTP to each other: keep the cluster's own service links out of their env.
      enableServiceLinks: false,
      // The image runs as `node` (uid 1000): let it write its storage volume.
      ...(group.members.some((m) => m.storage) ? { securityContext: { fsGroup: 1000 } } : {}),
    },
  };
}

function deployment(placement: Placement, group: PodGroup, peers: string): Deployment {
  return new Deployment({
    metadata: { name: group.host.dns, labels: { [PART_OF]: placement.name, [NAME]: group.host.dns } },
    spec: {
      replicas: group.host.count,
      selector: { matchLabels: labels(placement, group) },
      template: podTemplate(placement, group, peers),
    },
  });
}

function statefulSet(placement: Placement, group: PodGroup, peers: string): StatefulSet {
  const storage = group.members.some((m) => m.storage);
  return new StatefulSet({
    metadata: { name: group.host.dns, labels: { [PART_OF]: placement.name, [NAME]: group.host.dns } },
    spec: {
      serviceName: group.host.dns,
      replicas: group.host.count,
      // Every node starts at once, like in the simulation (not one by one).
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: labels(placement, group) },
      template: podTemplate(placement, group, peers),
      ...(storage
        ? {
            volumeClaimTemplates: [
              {
                metadata: { name: 'storage' },
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '64Mi' } } },
              },
            ],
          }
        : {}),
    },
  });
}

/** A StatefulSet's host gets a headless Service (a DNS name per Pod); every other role a ClusterIP. */
function service(placement: Placement, group: PodGroup, member: RolePlacement): Service {
  const headless = group.kind === 'StatefulSet' && member === group.host;
  return new Service({
    metadata: { name: member.dns, labels: { [PART_OF]: placement.name, [NAME]: member.dns } },
    spec: {
      ...(headless ? { clusterIP: 'None', publishNotReadyAddresses: true } : {}),
      selector: labels(placement, group),
      ports: [{ name: 'http', port: member.port, targetPort: member.port }],
    },
  });
}
