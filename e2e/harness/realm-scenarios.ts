/**
 * Role code that tries to reach past its node: the Node specs (scripts/lib/realm/vm-host.test.ts) and the
 * browser specs (e2e/containment-realms.spec.ts) run the same text, so their hashes can be compared.
 */
import type { RoleSource } from '../../workers/kernel/protocol';
import type { ScenarioData } from '../../workers/kernel/scenario';

export const pollutionScenario: ScenarioData = {
  id: 'pollution',
  title: 'pollution',
  roles: { polluter: { file: 'roles/polluter.ts' }, observer: { file: 'roles/observer.ts' } },
  network: { defaults: { latency: { kind: 'uniform', min: 1, max: 9 } } },
  faults: [],
  until: 200,
};

/** Pollutes every prototype it can reach, then sends pings; what it sees of its own patches it logs. */
const polluter = `export default function polluter(node) {
  Object.prototype.polluted = 'by polluter';
  Array.prototype.push = function () { return 0; };
  JSON.stringify = () => '"forged"';
  Number.prototype.toFixed = () => 'forged';
  node.every(10, () => node.send('observer', 'ping', { n: node.random() }));
  node.on('ping_ok', (msg) => node.log('pong', msg.body.seen, ({}).polluted));
}
`;

/** Reports what it sees of the polluter's patches in every reply and log. */
const observer = `export default function observer(node) {
  node.on('ping', (msg) => {
    const list = [];
    list.push(1);
    const seen = [String(({}).polluted), String(list.length), JSON.stringify({ a: 1 }), (1.5).toFixed(1)].join(' ');
    node.log('observer sees', seen);
    node.reply(msg, { seen });
  });
}
`;

export const pollutionRoles: RoleSource[] = [
  { role: 'polluter', file: 'roles/polluter.ts', source: polluter },
  { role: 'observer', file: 'roles/observer.ts', source: observer },
];

/** Tries every way out of its Worker it can name, and logs what it got; then runs as a plain echo client. */
const prober = `export default function prober(node) {
  const g = Function('return this')();
  const names = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'Worker', 'BroadcastChannel', 'importScripts', 'indexedDB', 'caches', 'setTimeout', 'setInterval'];
  node.log('reachable:', names.filter((n) => typeof g[n] !== 'undefined').join(',') || 'none');
  for (const [name, attempt] of [['Date.now', () => g.Date.now()], ['Math.random', () => g.Math.random()], ['performance.now', () => g.performance.now()]]) {
    try {
      node.log(name, 'REACHED', String(attempt()));
    } catch (err) {
      node.log(name, 'refused');
    }
  }
  node.every(10, () => node.send('observer', 'ping', { at: Date.now(), r: Math.random() }));
}
`;

export const proberRoles: RoleSource[] = [
  { role: 'polluter', file: 'roles/prober.ts', source: prober },
  pollutionRoles[1]!,
];
