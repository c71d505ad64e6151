import { describe, expect, it } from 'vitest';
import { runScenario } from '../../workers/host/headless';
import { buildRunConfig } from '../lesson/runConfig';
import { buildSandbox, roleStarter, sandboxStarters } from './buildSandbox';
import { emptyScenario, type SandboxScenario } from './sandboxSchema';

const system = (link: { latencyMs: number; lossPct: number }): SandboxScenario => ({
  ...emptyScenario(),
  roles: [
    { name: 'client', count: 1 },
    { name: 'server', count: 2 },
  ],
  links: [{ from: 'client', to: 'server', ...link }],
  network: { latencyMs: 3, lossPct: 0 },
  untilMs: 500,
});

const client = `import type { Node } from '@playground/node';
export default function client(node: Node) {
  for (const peer of node.peers('server')) node.send(peer, 'ping', { n: 1 });
}
`;
const server = `import type { Node } from '@playground/node';
export default function server(node: Node) {
  node.on('ping', (msg) => node.reply(msg, { ok: true }));
}
`;

async function run(scenario: SandboxScenario) {
  const exercise = buildSandbox('abc123', scenario);
  const config = buildRunConfig(exercise, { client, server }, 1, []);
  const outcome = await runScenario(config);
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('; '));
  return outcome.result.trace;
}

describe('a sandbox built into a run', () => {
  it('names its exercise, roles and files as the run view and the editor expect', () => {
    const exercise = buildSandbox('abc123', system({ latencyMs: 20, lossPct: 0 }));
    expect(exercise.id).toBe('sandbox/abc123');
    expect(exercise.roles.map((r) => [r.role, r.file, r.editable, r.hasSolution])).toEqual([
      ['client', 'roles/client.ts', true, false],
      ['server', 'roles/server.ts', true, false],
    ]);
    expect(exercise.scenario.roles).toEqual({ client: { count: 1 }, server: { count: 2 } });
    expect(exercise.scenario.until).toBe(500);
  });

  it('runs: the link’s latency holds between its roles, both ways', async () => {
    const trace = await run(system({ latencyMs: 20, lossPct: 0 }));
    const deliveries = trace.filter((e) => e.kind === 'deliver');
    const pings = deliveries.filter((e) => e.kind === 'deliver' && e.type === 'ping');
    expect(pings.map((e) => (e.kind === 'deliver' ? [e.node, e.t] : []))).toEqual([
      ['server-1', 20],
      ['server-2', 20],
    ]);
    expect(deliveries.filter((e) => e.kind === 'deliver' && e.node === 'client')).toHaveLength(2);
  });

  it('runs: a link with 100% loss drops every message between its roles', async () => {
    const trace = await run(system({ latencyMs: 20, lossPct: 100 }));
    expect(trace.filter((e) => e.kind === 'deliver')).toHaveLength(0);
    expect(trace.filter((e) => e.kind === 'drop')).toHaveLength(2);
  });

  it('runs the scheduled faults at their times and undoes each after its length', async () => {
    const scenario: SandboxScenario = {
      ...system({ latencyMs: 20, lossPct: 0 }),
      faults: [
        { kind: 'crash', node: 'server-1', peer: '', atMs: 100, forMs: 200, amount: 0 },
        { kind: 'slow', node: 'client', peer: 'server', atMs: 50, forMs: 100, amount: 400 },
        { kind: 'skew', node: 'server-2', peer: '', atMs: 10, forMs: 0, amount: -1500 },
      ],
    };
    expect(buildSandbox('abc123', scenario).scenario.faults).toEqual([
      { at: 10, kind: 'skew', node: 'server-2', offsetMs: -1500 },
      {
        at: 50,
        kind: 'link',
        from: 'client',
        to: 'server',
        spec: { latency: { kind: 'constant', ms: 400 } },
      },
      { at: 100, kind: 'crash', node: 'server-1' },
      // Back to the client ↔ server link as the scenario sets it (20 ms), not the network's 3 ms.
      {
        at: 150,
        kind: 'link',
        from: 'client',
        to: 'server',
        spec: { latency: { kind: 'constant', ms: 20 } },
      },
      { at: 300, kind: 'restart', node: 'server-1' },
    ]);
    const trace = await run(scenario);
    const at = (kind: string, node: string) =>
      trace.filter((e) => e.kind === kind && 'node' in e && e.node === node).map((e) => e.t);
    expect(at('crash', 'server-1')).toEqual([100]);
    expect(at('restart', 'server-1')).toEqual([300]);
    expect(at('skew', 'server-2')).toEqual([10]);
    expect(trace.filter((e) => e.kind === 'link').map((e) => e.t)).toEqual([50, 50, 150, 150]);
  });

  it('gives each role a starter that compiles and runs, named after the role', async () => {
    expect(roleStarter('db-primary')).toContain('export default function dbPrimary(node: Node)');
    const scenario = system({ latencyMs: 1, lossPct: 0 });
    const exercise = buildSandbox('abc123', scenario);
    const outcome = await runScenario(buildRunConfig(exercise, sandboxStarters(['client', 'server']), 1, []));
    expect(outcome.ok).toBe(true);
    if (outcome.ok)
      expect(
        outcome.result.trace.filter((e) => e.kind === 'log').map((e) => (e.kind === 'log' ? e.text : '')),
      ).toContain('client is up; it knows server-1, server-2');
  });
});
