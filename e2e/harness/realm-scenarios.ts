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

/** Two nodes that each try every way out of the simulation (attackRole), and answer pings meanwhile. */
export const escapeScenario: ScenarioData = {
  id: 'escape',
  title: 'escape',
  roles: { a: { file: 'roles/a.ts' }, b: { file: 'roles/b.ts' } },
  network: { defaults: { latency: { kind: 'uniform', min: 1, max: 9 } } },
  faults: [],
  until: 300,
};

/**
 * Role code (TypeScript, a statement list) that tries to reach `url` in every way a browser offers, through
 * the global it can dig out (`Function('return this')()`): fetch, XHR, WebSocket, EventSource, `import()`, a
 * nested Worker, BroadcastChannel, IndexedDB, Cache Storage, storage. Each attempt's outcome is kept in
 * `escapes` ('refused', or 'REACHED ...'); async ones settle later. `self.origin` and crypto.subtle say
 * where it runs.
 */
export function escapeAttempts(url: string): string {
  return `const g: any = Function('return this')();
const escapes: Record<string, string> = {};
const attempt = (name: string, act: () => unknown) => {
  try {
    const out: any = act();
    escapes[name] = out && typeof out.then === 'function' ? 'pending' : 'REACHED ' + typeof out;
    if (out && typeof out.then === 'function')
      out.then((v: unknown) => { escapes[name] = 'REACHED ' + typeof v; }, () => { escapes[name] = 'refused'; });
  } catch {
    escapes[name] = 'refused';
  }
};
attempt('fetch', () => g.fetch('${url}/fetch'));
attempt('xhr', () => { const x = new g.XMLHttpRequest(); x.open('GET', '${url}/xhr'); x.send(); return x; });
attempt('websocket', () => new g.WebSocket('${url.replace('http', 'ws')}/ws'));
attempt('eventsource', () => new g.EventSource('${url}/sse'));
attempt('import', () => new Function('u', 'return import(u)')('${url}/import.js'));
attempt('worker', () => new g.Worker('data:text/javascript,fetch("${url}/nested")'));
attempt('broadcast', () => new g.BroadcastChannel('escape').postMessage('hi'));
attempt('indexeddb', () => g.indexedDB.open('escape'));
attempt('caches', () => g.caches.open('escape'));
attempt('storage', () => g.navigator.storage.persisted());
const where = String(g.origin) + ' secure=' + String(g.isSecureContext) + ' subtle=' + typeof g.crypto?.subtle;
`;
}

/** A role that makes the escape attempts at boot, pings `peer`, and logs their outcome at 250 virtual ms. */
export function escapeRole(role: string, peer: string, url: string): RoleSource {
  const source = `${escapeAttempts(url)}
export default function ${role}(node) {
  node.every(20, () => node.send('${peer}', 'ping', {}));
  node.on('ping', (msg) => node.reply(msg, {}));
  node.setTimer(250, () => node.log('where', where, 'escapes', JSON.stringify(escapes)));
}
`;
  return { role, file: `roles/${role}.ts`, source };
}
