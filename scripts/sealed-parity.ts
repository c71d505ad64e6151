/**
 * Sealed host parity (sealed-host.test.ts runs this in a child process: `lockdown()` changes the whole realm
 * for good, so it must not happen in the test runner's). Every exercise's solution, starter and broken
 * variants run on a few seeds in the plain in-process host, then, after the realm is sealed, in the sealed
 * host: the trace hashes and verdicts must be the same. Then role code that tries to leave its Compartment
 * or reach another node runs sealed, and reports what it found. Prints one JSON object.
 */
import { judge, runScenario } from '../workers/host/headless';
import { InProcessHost } from '../workers/host/in-process-host';
import { sealedHost } from '../workers/host/sealed-host';
import type { NodeHost, RoleSource } from '../workers/kernel/protocol';
import { defineScenario, type Scenario } from '../workers/kernel/scenario';
import { loadLessons } from './lib/lesson-loader';

interface Case {
  name: string;
  scenario: Scenario;
  roles: RoleSource[];
}

const SEEDS = [1, 2, 3];

async function outcomes(cases: Case[], makeHost: () => NodeHost): Promise<string[]> {
  const out: string[] = [];
  for (const c of cases) {
    for (const seed of SEEDS) {
      const host = makeHost();
      const run = await runScenario({ scenario: c.scenario, roles: c.roles, seed, host });
      await host.dispose();
      if (!run.ok) {
        out.push(`${c.name} seed ${seed}: load errors ${JSON.stringify(run.errors)}`);
        continue;
      }
      const verdicts = (c.scenario.checks ?? []).map((check) => {
        const r = judge(check, run.result);
        return `${r.name}=${r.passed ? 'pass' : 'fail'}`;
      });
      out.push(`${c.name} seed ${seed}: ${run.hash} ${verdicts.join(' ')}`);
    }
  }
  return out;
}

const cases: Case[] = [];
// PARITY_LESSONS=a,b limits the run to those lessons (a quick look while debugging).
const only = process.env.PARITY_LESSONS?.split(',');
for (const lesson of await loadLessons()) {
  if (only && !only.includes(lesson.id)) continue;
  for (const exercise of [lesson, ...lesson.steps]) {
    const tag = 'step' in exercise ? `${lesson.id} step ${String(exercise.step)}` : lesson.id;
    cases.push({ name: `${tag} solution`, scenario: exercise.scenario, roles: exercise.solution });
    cases.push({ name: `${tag} starter`, scenario: exercise.scenario, roles: exercise.starter });
    for (const b of exercise.broken)
      cases.push({ name: `${tag} ${b.file}`, scenario: exercise.scenario, roles: b.roles });
  }
}

process.on('uncaughtException', (e) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
let started = performance.now();
const plain = await outcomes(cases, () => new InProcessHost());
const plainMs = Math.round(performance.now() - started);
started = performance.now();
const sealed = await outcomes(cases, () => sealedHost());
const sealedMs = Math.round(performance.now() - started);
const differences = plain.flatMap((line, i) =>
  line === sealed[i] ? [] : [{ plain: line, sealed: sealed[i] }],
);

// Escapes, from role code of one node, sealed. Each probe logs what it reached.
const probes = `
export default function probe(node) {
  const found = [];
  const tryIt = (name, f) => { try { const v = f(); found.push(name + '=' + (v === undefined ? 'undefined' : typeof v)); } catch (e) { found.push(name + '!'); } };
  tryIt('globalThis.postMessage', () => globalThis.postMessage);
  tryIt('globalThis.process', () => globalThis.process);
  tryIt('Function this', () => Function('return this')().postMessage);
  tryIt('constructor this', () => node.log.constructor('return this')());
  tryIt('patch Array.prototype.push', () => { Array.prototype.push = () => 0; return 'patched'; });
  tryIt('patch JSON.stringify', () => { JSON.stringify = () => '{}'; return 'patched'; });
  tryIt('patch storage', () => { Object.getPrototypeOf(node.storage).get = () => 'forged'; return 'patched'; });
  tryIt('set a global', () => { globalThis.shared = 1; return globalThis.shared; });
  node.log(found.join(', '));
}
`;
const other = `
export default function other(node) {
  node.log('other sees shared=' + typeof globalThis.shared + ' push=' + ([].push(1) === 1));
}
`;
const escapeScenario = defineScenario({
  id: 'escapes',
  title: 'escapes',
  until: 10,
  roles: {
    probe: { file: 'roles/probe.ts', count: 1, editable: true, description: 'tries to leave' },
    other: { file: 'roles/other.ts', count: 1, editable: true, description: 'looks for what probe changed' },
  },
});
const escape = await runScenario({
  scenario: escapeScenario,
  roles: [
    { role: 'probe', file: 'roles/probe.ts', source: probes },
    { role: 'other', file: 'roles/other.ts', source: other },
  ],
  seed: 1,
  host: sealedHost(),
});
const logs = escape.ok
  ? escape.result.trace.flatMap((e) => (e.kind === 'log' ? [`${e.node}: ${String(e.text)}`] : []))
  : [JSON.stringify(escape.errors)];

const frozen = Object.isFrozen(Array.prototype) && Object.isFrozen(JSON);
console.log(JSON.stringify({ cases: plain.length, plainMs, sealedMs, frozen, differences, logs }));
