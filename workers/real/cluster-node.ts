/**
 * A node process in a container (the Kubernetes bundle, Docker Compose): no launcher, so everything comes
 * from the environment the manifests set, and Service DNS is the discovery.
 *
 * - `PLAYGROUND_ROLE`, `PLAYGROUND_ROLE_FILE` (the role's .ts under `PLAYGROUND_CODE_DIR`, default /app/lesson)
 * - `PLAYGROUND_NODE_ID`, or `PLAYGROUND_NODE_IDS` (JSON list) indexed by the StatefulSet ordinal at the end
 *   of `HOSTNAME` (`server-2` is the third id)
 * - `PLAYGROUND_PEERS`: JSON `[{ id, role, url }]`, every node of the lesson (this one is left out)
 * - `PLAYGROUND_STORAGE_DIR`: where `storage` lives (a volume); without it storage is memory only
 * - `PORT` (default 8080), `PLAYGROUND_SEED` (default 1)
 *
 * The trace goes to stdout, one JSON event a line (`kubectl logs`), times in ms since the process started.
 * `spawn` and `stop` need a control plane a cluster does not give role code: they are an error event saying so.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeOutput, PeerInfo, TraceEvent } from '../kernel/protocol';
import { makeRuntime, splitOutput } from './node-core';
import { startNodeServer } from './node-server';
import { Outbound } from './outbound';
import { RealDriver, wallClock } from './real-driver';
import type { AddressBook } from './real-protocol';
import { applyStorageEvents, readStorage, writeStorage } from './storage-file';

interface PeerAddress extends PeerInfo {
  url: string;
}

export async function runClusterNode(env: NodeJS.ProcessEnv): Promise<void> {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`the node runner needs ${name} in its environment`);
    return value;
  };
  const role = need('PLAYGROUND_ROLE');
  const file = need('PLAYGROUND_ROLE_FILE');
  const id = nodeId(env, role);
  const codeDir = env.PLAYGROUND_CODE_DIR ?? '/app/lesson';
  const peers = JSON.parse(env.PLAYGROUND_PEERS ?? '[]') as PeerAddress[];
  const port = Number(env.PORT ?? 8080);
  const seed = Number(env.PLAYGROUND_SEED ?? 1);

  const runtime = makeRuntime(id, { role, file, source: readFileSync(join(codeDir, file), 'utf8') });
  if (typeof runtime === 'string') throw new Error(runtime);

  const storageDir = env.PLAYGROUND_STORAGE_DIR;
  const storageFile = storageDir && join(storageDir, 'storage.json');
  if (storageDir) mkdirSync(storageDir, { recursive: true });
  const storage = storageFile ? readStorage(storageFile) : {};
  const incarnation = storageDir ? bumpIncarnation(join(storageDir, 'incarnation')) : 0;

  const print = (event: TraceEvent) => process.stdout.write(JSON.stringify(event) + '\n');
  const clock = wallClock(() => performance.timeOrigin, 1);
  // The cluster's network is the only one: no modelled latency, loss or partitions on top.
  const outbound = new Outbound({
    seed,
    network: { defaults: { latency: { kind: 'constant', ms: 0.1 } }, links: [] },
    clock,
    record: print,
  });
  const addresses: AddressBook = Object.fromEntries(peers.map((p) => [p.id, p.url]));
  outbound.setAddresses(addresses);

  const onOutput = (output: NodeOutput): void => {
    const { trace, sends, control } = splitOutput(output);
    // Storage reaches the volume before any message leaves: an acknowledged write survives a crash.
    if (storageFile && applyStorageEvents(storage, trace)) writeStorage(storageFile, storage);
    for (const event of trace) print(event);
    for (const send of sends) outbound.send(send.message, send.t);
    for (const c of control) {
      print({
        t: c.t,
        kind: 'error',
        node: id,
        message: `node.${c.kind}() is not supported in a cluster: scale the role's StatefulSet or Deployment instead`,
      });
    }
    if (output.fatal) {
      console.error(`${id}: ${output.fatal.reason}`);
      process.exit(1);
    }
  };
  const driver = new RealDriver(runtime, clock, onOutput);
  const server = await startNodeServer('0.0.0.0', port, (message) => driver.deliver(message));
  const shutdown = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  driver.start({
    role,
    index: 0,
    seed,
    incarnation,
    storage,
    peers: peers.filter((p) => p.id !== id).map((p) => ({ id: p.id, role: p.role })),
  });
}

function nodeId(env: NodeJS.ProcessEnv, role: string): string {
  if (env.PLAYGROUND_NODE_ID) return env.PLAYGROUND_NODE_ID;
  const ids = JSON.parse(env.PLAYGROUND_NODE_IDS ?? '[]') as string[];
  const ordinal = /-(\d+)$/.exec(env.HOSTNAME ?? '')?.[1];
  // Scaled past the lesson's own count: the extra Pods are named the simulation's way (role-k).
  const id = ordinal === undefined ? undefined : (ids[Number(ordinal)] ?? `${role}-${Number(ordinal) + 1}`);
  if (!id) throw new Error(`cannot tell which ${role} node this is (HOSTNAME=${env.HOSTNAME ?? ''})`);
  return id;
}

/** 0 on the first start on this volume, then one more each restart (message ids stay unique). */
function bumpIncarnation(file: string): number {
  const next = existsSync(file) ? Number(readFileSync(file, 'utf8')) + 1 : 0;
  writeFileSync(file, String(next));
  return next;
}
