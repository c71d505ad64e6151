/**
 * The benchmark's load: every node keeps `inFlight` echo requests out to random peers (chosen with
 * node.random) and answers every request; each answer sends a new request. Handlers are synchronous.
 * Links: constant 1 ms latency, no loss, so every window is 1 ms and every message sent in one window is
 * delivered in the next (the raw baseline router does the same, one tick per window).
 */
import type { RoleSource } from '../../workers/kernel/protocol';
import type { ScenarioData } from '../../workers/kernel/scenario';

export interface EchoLoad {
  nodes: number;
  /** Requests each node keeps in flight. */
  inFlight: number;
}

/**
 * Default requests in flight per node. 64 makes a window carry ~128 messages per node, so both the Worker host
 * and the raw router are bound by work per message, not by thread wake-up latency (with 8, a 2-core machine
 * measures mostly how fast Workers wake up; `--in-flight 8` shows it).
 */
export const IN_FLIGHT = 64;

export function echoLoadRoles(load: EchoLoad): RoleSource[] {
  const source = `import type { Node } from '@playground/node';

export default function peer(node: Node) {
  const peers = node.peers();
  const pick = () => peers[Math.floor(node.random() * peers.length)];
  node.on('echo', (msg) => void node.reply(msg, {}));
  node.on('echo_ok', () => void node.send(pick(), 'echo', {}));
  for (let i = 0; i < ${load.inFlight}; i++) node.send(pick(), 'echo', {});
}
`;
  return [{ role: 'peer', file: 'roles/peer.ts', source }];
}

export function echoLoadScenario(load: EchoLoad, until: number): ScenarioData {
  return {
    id: `bench-echo-${load.nodes}`,
    title: `Echo load, ${load.nodes} nodes`,
    roles: { peer: { file: 'roles/peer.ts', count: load.nodes } },
    network: {
      defaults: { latency: { kind: 'constant', ms: 1 }, loss: 0, duplicate: 0, reorder: 0, reorderMs: 0 },
    },
    until,
  };
}

/** One throughput figure. */
export interface Throughput {
  nodes: number;
  delivered: number;
  wallMs: number;
  msgsPerSec: number;
}
