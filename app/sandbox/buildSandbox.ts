/**
 * A sandbox as the lesson page's run view and editor see it: a `RunnableExercise` whose scenario is made
 * from the learner's form (roles, links, network, run length, scheduled faults) and whose starters are made from the role
 * names. Pure, so the unit tests run it as the page does.
 */
import type { ScenarioData } from '../../workers/host/control-api';
import type { RunnableExercise } from '../catalog/types';
import { faultSpecsOf } from './sandboxFaults';
import { nodeIdsOf, type SandboxScenario } from './sandboxSchema';

/** The exercise id a sandbox's code is saved under (one file per role, as a lesson's). */
export const sandboxExerciseId = (sandboxId: string) => `sandbox/${sandboxId}`;

const percent = (pct: number) => Math.round(pct * 100) / 10_000;

/**
 * The kernel's scenario for a valid sandbox: every link both ways, constant latency, loss as a probability,
 * the scheduled faults as the scenario's own (the timeline shows them as a lesson's).
 */
export function sandboxScenarioData(scenario: SandboxScenario): ScenarioData {
  const roleOf = (name: string) =>
    scenario.roles.find((r) => r.name === name || nodeIdsOf(r).includes(name))?.name;
  const normalLink = (a: string, b: string) => {
    const [ra, rb] = [roleOf(a), roleOf(b)];
    const link = scenario.links.find((l) => (l.from === ra && l.to === rb) || (l.from === rb && l.to === ra));
    const { latencyMs, lossPct } = link ?? scenario.network;
    return { latency: { kind: 'constant' as const, ms: latencyMs }, loss: percent(lossPct) };
  };
  return {
    roles: Object.fromEntries(scenario.roles.map((r) => [r.name, { count: r.count }])),
    network: {
      defaults: {
        latency: { kind: 'constant', ms: scenario.network.latencyMs },
        loss: percent(scenario.network.lossPct),
      },
      links: scenario.links.map((l) => ({
        from: l.from,
        to: l.to,
        latency: { kind: 'constant', ms: l.latencyMs },
        loss: percent(l.lossPct),
      })),
    },
    faults: faultSpecsOf(scenario.faults, normalLink),
    until: scenario.untilMs,
  };
}

/** The run view's exercise for a valid sandbox. It has no solution and no checks. */
export function buildSandbox(sandboxId: string, scenario: SandboxScenario): RunnableExercise {
  const id = sandboxExerciseId(sandboxId);
  return {
    id,
    folder: id,
    scenario: { ...sandboxScenarioData(scenario), id },
    roles: scenario.roles.map((r) => ({
      role: r.name,
      file: `roles/${r.name}.ts`,
      editable: true,
      hasSolution: false,
      description: `${r.count} node${r.count === 1 ? '' : 's'}`,
    })),
    codeDirs: [],
  };
}

/** `db-primary` -> `dbPrimary`: the default export's name in the starter. */
const functionName = (role: string) => role.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The code a new role starts with: the node API's first moves, in comments a learner can uncomment. */
export function roleStarter(role: string): string {
  return `import type { Node } from '@playground/node';

export default function ${functionName(role)}(node: Node) {
  node.log(\`\${node.id} is up; it knows \${node.peers().join(', ') || 'no other node'}\`);

  // Answer a message of type 'ping' (its body is any JSON):
  node.on('ping', (msg) => {
    node.log(\`ping from \${msg.from}\`);
    node.reply(msg, { text: 'pong' });
  });

  // Send one to every node of another role, once a second:
  // node.every(1000, () => {
  //   for (const peer of node.peers('other-role')) node.send(peer, 'ping', { text: 'hello' });
  // });
}
`;
}

/** Role -> starter, for every role named. */
export function sandboxStarters(roles: readonly string[]): Record<string, string> {
  return Object.fromEntries(roles.map((role) => [role, roleStarter(role)]));
}
