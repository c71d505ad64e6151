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
