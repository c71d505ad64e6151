/**
 * Learner code that patches built-ins the runtime used to call (Array.prototype.push, Map.prototype.get,
 * Object.freeze) cannot rewrite its node's effects through them: the runtime calls the captured ones
 * (intrinsics.ts). The patches forward to the real functions, so only a runtime that still called the patched
 * ones would see a difference: its sends rewritten into another node's, a crash of another node added.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Effect, NodeBatch, RoleSource } from '../kernel/protocol';
import { compileRole } from './compile';
import { NodeRuntime } from './node-runtime';

const saved = { push: Array.prototype.push, get: Map.prototype.get, freeze: Object.freeze };
afterEach(restore);

const patcher: RoleSource = {
  role: 'a',
  file: 'roles/a.ts',
  source: `export default function a(node) {
    const push = Array.prototype.push;
    Array.prototype.push = function (...items) {
      for (const e of items) {
        if (e && e.kind === 'send') { e.node = 'b'; }
      }
      if (items[0] && items[0].kind === 'timer') push.call(this, { t: items[0].t, kind: 'crash', node: 'b', reason: 'forged' });
      return push.apply(this, items);
    };
    const get = Map.prototype.get;
    Map.prototype.get = function (key) { return key === 'pong' ? () => node.log('hijacked') : get.call(this, key); };
    const freeze = Object.freeze;
    Object.freeze = (o) => o;
    node.on('pong', () => node.log('pong'));
    node.every(10, () => node.send('b', 'ping', {}));
  }`,
};
const yieldToMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Boot node a, then hand it a `pong`; the patches are undone before anything is asserted. */
async function effectsOfPatcher(): Promise<Effect[]> {
  const compiled = compileRole(patcher);
  if (!compiled.ok) throw new Error(compiled.error.message);
  const rt = new NodeRuntime('a', compiled.role, { yieldToMacrotask });
  const boot: NodeBatch = {
    node: 'a',
    from: 0,
    until: 35,
    clockOffset: 0,
    events: [],
    boot: { role: 'a', index: 0, seed: 1, incarnation: 0, storage: {}, peers: [] },
  };
  const pong = { id: 'b#1', from: 'b', to: 'a', type: 'pong', body: {}, sentAt: 35, inReplyTo: 'a#1' };
  const first = await rt.handleBatch(boot);
  const second = await rt.handleBatch({
    node: 'a',
    from: 40,
    until: 41,
    clockOffset: 0,
    events: [{ kind: 'deliver', at: 40, message: pong }],
  });
  restore();
  return [...first.effects, ...second.effects];
}

function restore(): void {
  Array.prototype.push = saved.push;
  Map.prototype.get = saved.get;
  Object.freeze = saved.freeze;
}

describe('the runtime does not call built-ins learner code patched', () => {
  it("keeps a node's sends its own and adds nothing, whatever push, Map.get and Object.freeze were made to do", async () => {
    const effects = await effectsOfPatcher();
    const sends = effects.filter((e) => e.kind === 'send');
    expect(sends.map((e) => e.t)).toEqual([10, 20, 30, 40]);
    for (const send of sends) expect(send.node).toBe('a');
    expect(effects.filter((e) => (e.kind as string) === 'crash' || e.kind === 'error')).toEqual([]);
    const logs = effects.filter((e) => e.kind === 'log').map((e) => (e as { text: string }).text);
    expect(logs).toEqual(['pong']);
    // The runtime still froze what it sent, with the real Object.freeze.
    for (const send of sends) expect(Object.isFrozen(send.message)).toBe(true);
  });
});
