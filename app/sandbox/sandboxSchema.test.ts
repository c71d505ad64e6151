import { describe, expect, it } from 'vitest';
import { emptyScenario, roleNameProblem, validateSandbox, type SandboxScenario } from './sandboxSchema';

const twoRoles = (): SandboxScenario => ({
  ...emptyScenario(),
  roles: [
    { name: 'client', count: 1 },
    { name: 'server', count: 2 },
  ],
  links: [{ from: 'client', to: 'server', latencyMs: 20, lossPct: 10 }],
});

const messages = (input: unknown) => {
  const checked = validateSandbox(input);
  return checked.ok ? [] : checked.problems.map((p) => `${p.path} | ${p.message}`);
};

describe('a sandbox scenario', () => {
  it('accepts the empty scenario a sandbox starts from, and a small system', () => {
    expect(validateSandbox(emptyScenario())).toEqual({ ok: true, scenario: emptyScenario() });
    expect(validateSandbox(twoRoles()).ok).toBe(true);
  });

  it('says a link to a role that does not exist, naming the link and the roles there are', () => {
    const scenario = twoRoles();
    scenario.links.push({ from: 'client', to: 'cache', latencyMs: 5, lossPct: 0 });
    expect(messages(scenario)).toEqual([
      'links.1.to | Link 2 (client ↔ cache): “cache” is not a role (the roles are “client”, “server”)',
    ]);
  });

  it('says a negative latency, a loss over 100% and an emptied field, each where it is', () => {
    const scenario = twoRoles();
    scenario.links[0] = { from: 'client', to: 'server', latencyMs: -5, lossPct: 120 };
    scenario.network.latencyMs = Number.NaN;
    expect(messages(scenario)).toEqual([
      'links.0.latencyMs | Link 1 (client ↔ server): the latency cannot be negative',
      'links.0.lossPct | Link 1 (client ↔ server): the loss is at most 100%',
      'network.latencyMs | Network: the latency is a number of milliseconds',
    ]);
  });

  it('says a role with zero nodes, or half a node, by its name', () => {
    const scenario = twoRoles();
    scenario.roles[1] = { name: 'server', count: 0 };
    expect(messages(scenario)).toEqual(['roles.1.count | Role 2 (“server”): it needs at least one node']);
    scenario.roles[1] = { name: 'server', count: 1.5 };
    expect(messages(scenario)).toEqual([
      'roles.1.count | Role 2 (“server”): the node count is a whole number',
    ]);
  });

  it('refuses two roles of one name, and node names that clash with a role', () => {
    const same = twoRoles();
    same.roles.push({ name: 'client', count: 1 });
    expect(messages(same)).toEqual([
      'roles.2.name | Role 3 (“client”): role 1 already has this name; each role needs its own',
    ]);
    const clash = twoRoles();
    clash.roles.push({ name: 'server-1', count: 1 });
    expect(messages(clash)).toEqual([
      'roles.1.count | Role 2 (“server”): its 2 nodes are called server-1 to server-2, and “server-1” is already a role; rename one of them',
    ]);
  });

  it('refuses a link given twice, in either direction', () => {
    const scenario = twoRoles();
    scenario.links.push({ from: 'server', to: 'client', latencyMs: 1, lossPct: 0 });
    expect(messages(scenario)).toEqual([
      'links.1 | Link 2 (server ↔ client): link 1 already joins these roles; keep one',
    ]);
  });

  it('bounds the run length and the number of nodes in all', () => {
    const scenario = twoRoles();
    scenario.untilMs = 10;
    scenario.roles = [
      { name: 'a', count: 20 },
      { name: 'b', count: 20 },
      { name: 'c', count: 20 },
    ];
    scenario.links = [];
    expect(messages(scenario)).toEqual(['untilMs | Run length: a run lasts at least 100 ms']);
    scenario.untilMs = 1000;
    expect(messages(scenario)).toEqual([
      'roles | Roles: 60 nodes in all, more than the 50 a sandbox runs (each node is a Web Worker)',
    ]);
  });

  it('refuses what is not a scenario at all without throwing', () => {
    expect(messages('nope')[0]).toMatch(/^ \| Sandbox: /);
    expect(messages({ ...twoRoles(), extra: 1 }).length).toBe(1);
  });

  it('reads a scenario saved before faults existed as one with none', () => {
    const { faults: _, ...old } = twoRoles();
    const checked = validateSandbox(old);
    expect(checked.ok && checked.scenario.faults).toEqual([]);
  });

  it('says what is wrong with a scheduled fault, naming the fault and the nodes there are', () => {
    const scenario = twoRoles();
    scenario.faults = [
      { kind: 'crash', node: 'server-2', peer: '', atMs: 200, forMs: 300, amount: 0 },
      { kind: 'partition', node: 'client', peer: 'client', atMs: 100, forMs: 0, amount: 0 },
      { kind: 'pause', node: 'db', peer: '', atMs: 20_000, forMs: -1, amount: 0 },
      { kind: 'loss', node: 'client', peer: 'server', atMs: 0, forMs: 100, amount: 150 },
    ];
    expect(messages(scenario)).toEqual([
      'faults.2.forMs | Fault 3 (pause of db): the length cannot be negative',
    ]);
    scenario.faults[2]!.forMs = 100;
    expect(messages(scenario)).toEqual([
      'faults.1.peer | Fault 2 (partition client ↔ client): both ends are the same; pick another node for the other end',
      'faults.2.node | Fault 3 (pause of db): “db” is no node or role (the nodes are “client”, “server”, “server-1”, “server-2”)',
      'faults.2.atMs | Fault 3 (pause of db): it starts at 20000 ms, but the run ends at 10000 ms',
      'faults.3.amount | Fault 4 (lossy link client ↔ server): the loss is 0 to 100%',
    ]);
    expect(messages({ ...twoRoles(), faults: [{ kind: 'meteor', node: 'client' }] })[0]).toMatch(
      /^faults\.0\.kind \| Fault 1 \(fault of client\): the kind is one of Crash, Pause, Partition/,
    );
  });

  it('checks a new role name before a rename', () => {
    expect(roleNameProblem('db-1', ['client'])).toBeUndefined();
    expect(roleNameProblem('', [])).toBe('give it a name');
    expect(roleNameProblem('My Server', [])).toMatch(/^a name is lowercase letters/);
    expect(roleNameProblem('client', ['client'])).toBe('another role already has this name');
  });
});
