/**
 * One realm per node headless (VmHost): prototype pollution stays in its node, role code finds no way to the
 * machine (process, require, import(), the file system, child processes, sockets), and honest code gives the
 * same trace as the in-process host (and so as the browser's Worker per node).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../workers/host/headless';
import { InProcessHost } from '../../../workers/host/in-process-host';
import type { NodeHost, RoleSource, TraceEvent } from '../../../workers/kernel/protocol';
import type { ScenarioData } from '../../../workers/kernel/scenario';
import { pollutionRoles, pollutionScenario } from '../../../e2e/harness/realm-scenarios';
import { VmHost } from './vm-host';

async function run(scenario: ScenarioData, roles: RoleSource[], host: NodeHost, seed = 1) {
  const outcome = await runScenario({ scenario, roles, seed, host });
  await host.dispose();
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return { hash: outcome.hash, trace: outcome.result.trace };
}

const logs = (trace: readonly TraceEvent[], node: string) =>
  trace.flatMap((e) => (e.kind === 'log' && e.node === node ? [e.text] : []));

describe('VmHost: a realm per node', { timeout: 30_000 }, () => {
  it("keeps one node's prototype pollution out of another node and out of the kernel", async () => {
    const { trace } = await run(pollutionScenario, pollutionRoles, new VmHost());
    const seen = logs(trace, 'observer');
    expect(seen.length).toBeGreaterThan(10);
    for (const text of seen) expect(text).toBe('observer sees undefined 1 {"a":1} 1.5');
    // The polluter sees its own patches, and its sends still count (the kernel's push was not touched).
    expect(logs(trace, 'polluter')[0]).toBe('pong undefined 1 {"a":1} 1.5 by polluter');
    expect(trace.filter((e) => e.kind === 'send' && e.node === 'polluter').length).toBeGreaterThan(10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives the in-process hash for honest code', async () => {
    const honest = pollutionRoles.map((r) =>
      r.role === 'polluter'
        ? { ...r, source: r.source.replace(/^\s*(Object|Array|JSON|Number)\..*$/gm, '') }
        : r,
    );
    const [vm, inProcess] = [
      await run(pollutionScenario, honest, new VmHost(), 5),
      await run(pollutionScenario, honest, new InProcessHost(), 5),
    ];
    expect(vm.hash).toBe(inProcess.hash);
  });

  it('gives the in-process hash for code using crypto.subtle, TextEncoder and btoa, and replays it', async () => {
    const sealer: RoleSource = {
      role: 'polluter',
      file: 'roles/sealer.ts',
      source: `export default async function sealer(node) {
  const raw = crypto.getRandomValues(new Uint8Array(16));
  const aes = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const mac = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  node.every(10, async () => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, new TextEncoder().encode('n=' + node.random())));
    const tag = new Uint8Array(await crypto.subtle.sign('HMAC', mac, ct));
    const back = new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, aes, ct));
    node.send('observer', 'ping', { ct: btoa(String.fromCharCode(...ct)), tag: tag[0], back });
  });
  node.on('ping_ok', (msg) => node.log('pong', msg.body.seen));
}
`,
    };
    const roles = [sealer, pollutionRoles[1]!];
    const [vm, again, inProcess, other] = [
      await run(pollutionScenario, roles, new VmHost(), 3),
      await run(pollutionScenario, roles, new VmHost(), 3),
      await run(pollutionScenario, roles, new InProcessHost(), 3),
      await run(pollutionScenario, roles, new VmHost(), 4),
    ];
    const sends = vm.trace.filter((e) => e.kind === 'send' && e.node === 'polluter');
    expect(sends.length).toBeGreaterThan(10);
    expect(vm.trace.some((e) => e.kind === 'error')).toBe(false);
    expect(JSON.stringify(sends[0])).toMatch(/"back":"n=0\.\d+"/);
    expect(again.hash).toBe(vm.hash);
    expect(inProcess.hash).toBe(vm.hash);
    expect(other.hash).not.toBe(vm.hash);
  });

  it('leaves role code no way to the machine: every attempt is an error the trace shows', async () => {
    const hostile: RoleSource = {
      role: 'polluter',
      file: 'roles/hostile.ts',
      source: `export default async function hostile(node) {
  const tries = {
    process: () => process.pid,
    globalProcess: () => globalThis.process.pid,
    require: () => globalThis['req' + 'uire']('node:child_process'),
    functionEscape: () => this.constructor.constructor('return process')().pid,
    globalEscape: () => Function('return this')().constructor.constructor('return process')().pid,
    protoEscape: () => Object.getPrototypeOf(globalThis).constructor.constructor('return process')().pid,
    setImmediate: () => setImmediate(() => {}),
    fetch: () => fetch('http://127.0.0.1:9/'),
  };
  for (const [name, attempt] of Object.entries(tries)) {
    try {
      node.log(name, 'REACHED', String(attempt()));
    } catch (err) {
      node.log(name, 'refused:', err.name);
    }
  }
  for (const mod of ['node:child_process', 'node:fs', 'node:net']) {
    try {
      await new Function('u', 'return import(u)')(mod);
      node.log(mod, 'REACHED');
    } catch (err) {
      node.log(mod, 'refused:', err.code || err.name);
    }
  }
}
`,
    };
    const { trace } = await run(pollutionScenario, [hostile, pollutionRoles[1]!], new VmHost());
    const said = logs(trace, 'polluter');
    expect(said).toEqual([
      'process refused: ReferenceError',
      'globalProcess refused: TypeError',
      'require refused: TypeError',
      'functionEscape refused: TypeError',
      'globalEscape refused: ReferenceError',
      'protoEscape refused: ReferenceError',
      'setImmediate refused: TypeError',
      'fetch refused: ReferenceError',
      'node:child_process refused: ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING',
      'node:fs refused: ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING',
      'node:net refused: ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING',
    ]);
  });
});
