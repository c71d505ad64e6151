/**
 * Scenarios the engine harness page and the engine specs share, with their role code as source text (what a
 * learner would type). Defined here rather than taken from lessons so the engine tests do not move with the
 * course content.
 */
import type { RoleSource } from '../../workers/kernel/protocol';
import type { ScenarioData } from '../../workers/kernel/scenario';

export interface HarnessScenario {
  scenario: ScenarioData;
  roles: RoleSource[];
}

const server = `import type { Node } from '@playground/node';

export default function server(node: Node) {
  node.state.served = 0;
  node.on('echo', (msg) => {
    node.state.served = (node.state.served as number) + 1;
    node.reply(msg, { text: \`Echo: \${msg.body.text}\` });
  });
}
`;

/** Sends 30 echos, one every 10 ms, as rpcs with a timeout, over a lossy, latent, duplicating link. */
const client = `import type { Node } from '@playground/node';

export default function client(node: Node) {
  const [server] = node.peers('server');
  node.state.replies = 0;
  node.state.timeouts = 0;
  let sent = 0;
  const timer = node.every(10, async () => {
    if (sent >= 30) return timer.cancel();
    const text = \`hello \${sent++} from \${node.id} (\${node.random().toFixed(6)})\`;
    try {
      const reply = await node.rpc(server, 'echo', { text }, { timeout: 40 });
      node.state.replies = (node.state.replies as number) + 1;
      node.log(reply.body.text);
    } catch {
      node.state.timeouts = (node.state.timeouts as number) + 1;
    }
  });
  const [spinner] = node.peers('spinner');
  if (spinner && node.id === 'client-1') {
    node.setTimer(25, () => void node.send(spinner, 'echo', { text: 'spin' }));
    // After the spinner's restart (at 100 ms), it answers pings: it got a fresh Worker.
    node.setTimer(150, async () => {
      try {
        await node.rpc(spinner, 'ping', {}, { timeout: 100 });
        node.log('spinner answered after its restart');
      } catch {
        node.log('spinner did not answer');
      }
    });
  }
}
`;

/** A learner's infinite loop. */
const spinner = `import type { Node } from '@playground/node';

export default function spinner(node: Node) {
  node.on('echo', () => {
    while (true) {}
  });
  node.on('ping', (msg) => void node.reply(msg, {}));
}
`;

const lossyNetwork: ScenarioData['network'] = {
  defaults: {
    latency: { kind: 'uniform', min: 2, max: 12 },
    loss: 0.1,
    duplicate: 0.05,
    reorder: 0.1,
    reorderMs: 5,
  },
};

export const harnessScenarios: Record<string, HarnessScenario> = {
  /** A server and two clients echoing over a lossy, latent link. */
  echo: {
    scenario: {
      id: 'harness-echo',
      title: 'Echo over a lossy link',
      roles: { server: { file: 'roles/server.ts' }, client: { file: 'roles/client.ts', count: 2 } },
      network: lossyNetwork,
      until: 400,
    },
    roles: [
      { role: 'server', file: 'roles/server.ts', source: server },
      { role: 'client', file: 'roles/client.ts', source: client },
    ],
  },
  /** The echo scenario under faults drawn per seed: which client, when and for how long differ by seed. */
  'echo-nemesis': {
    scenario: {
      id: 'harness-echo-nemesis',
      title: 'Echo under a seeded nemesis',
      roles: { server: { file: 'roles/server.ts' }, client: { file: 'roles/client.ts', count: 2 } },
      network: lossyNetwork,
      nemesis: [
        { kind: 'crash', node: 'client', at: [40, 160], down: [30, 90] },
        { kind: 'pause', node: 'server', at: [100, 250], for: [20, 80] },
        { kind: 'skew', node: 'client', at: [0, 100], offsetMs: [-300, 300] },
        { kind: 'partition', from: 'client', to: 'server', at: [150, 300], for: [10, 60] },
        {
          kind: 'slow',
          from: 'client',
          to: 'server',
          at: [50, 300],
          for: [20, 60],
          latency: { kind: 'constant', ms: 40 },
        },
      ],
      until: 400,
    },
    roles: [
      { role: 'server', file: 'roles/server.ts', source: server },
      { role: 'client', file: 'roles/client.ts', source: client },
    ],
  },
  /**
   * The echo scenario plus a node that spins forever on its first `echo` (sent by client-1 at 25 ms), is
   * restarted at 100 ms and answers client-1's `ping` at 150 ms.
   */
  'echo-spin': {
    scenario: {
      id: 'harness-echo-spin',
      title: 'Echo, and an infinite loop',
      roles: {
        server: { file: 'roles/server.ts' },
        client: { file: 'roles/client.ts', count: 2 },
        spinner: { file: 'roles/spinner.ts' },
      },
      network: { ...lossyNetwork, links: [{ from: 'client-1', to: 'spinner', loss: 0, duplicate: 0 }] },
      faults: [{ at: 100, kind: 'restart', node: 'spinner' }],
      until: 400,
    },
    roles: [
      { role: 'server', file: 'roles/server.ts', source: server },
      { role: 'client', file: 'roles/client.ts', source: client },
      { role: 'spinner', file: 'roles/spinner.ts', source: spinner },
    ],
  },
};
