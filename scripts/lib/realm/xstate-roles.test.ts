/**
 * XState in role code (role-libraries.ts): a machine with `after` delays runs on the node's virtual clock, so
 * one seed gives one trace in the in-process host (one realm for all nodes) and in VmHost (a vm context per
 * node, the runtime bundled by esbuild), with a pause and a skew in the way. The clock is injected as
 * docs/engine-api.md says (node.setTimer under createActor's `clock`) in one role, left at XState's default
 * (the node's shadow `setTimeout`) in the other.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../workers/host/headless';
import { InProcessHost } from '../../../workers/host/in-process-host';
import type { NodeHost, TraceEvent } from '../../../workers/kernel/protocol';
import { xstateRoles as roles, xstateScenario as scenario } from '../../../e2e/harness/xstate-scenario';
import { VmHost } from './vm-host';

async function run(host: NodeHost, seed: number) {
  const outcome = await runScenario({ scenario, roles, seed, host });
  await host.dispose();
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return { hash: outcome.hash, trace: outcome.result.trace };
}

const logsOf = (trace: readonly TraceEvent[], node: string) =>
  trace.flatMap((e) => (e.kind === 'log' && e.node === node ? [{ t: e.t, text: e.text }] : []));

describe('xstate in role code', { timeout: 30_000 }, () => {
  it('runs `after` delays on the virtual clock: same seed, same hash, in-process and in VmHost', async () => {
    const a = await run(new InProcessHost(), 3);
    const b = await run(new InProcessHost(), 3);
    const vm = await run(new VmHost(), 3);
    expect(a.hash).toBe(b.hash);
    expect(vm.hash).toBe(a.hash);
    expect(vm.trace).toEqual(a.trace);
    // And the seed matters: the delays are drawn from the node's stream.
    expect((await run(new InProcessHost(), 4)).hash).not.toBe(a.hash);

    for (const node of ['blinker-1', 'blinker-2']) {
      const seen = logsOf(a.trace, node);
      expect(seen.length).toBeGreaterThan(10);
      // Each node has its own copy of XState, fresh at boot: its first actor is x:0 in every host.
      expect(seen[0]?.text).toMatch(/^off 0 0 x:0$/);
      expect(errorsOf(a.trace)).toEqual([]);
    }
    // blinker-1 (its clock injected: node.setTimer) fires nothing while paused, then its overdue timer once.
    const paused = logsOf(a.trace, 'blinker-1').filter((l) => l.t > 700 && l.t < 1300);
    expect(paused).toEqual([]);
    expect(a.trace.some((e) => e.kind === 'timer' && e.node === 'blinker-1' && e.label === 'xstate')).toBe(
      true,
    );
    // blinker-2 (XState's default clock, the node's setTimeout) is not moved by its skew: off lasts 120 ms.
    // (XState notifies on every event, a poke ignored while off too: keep the changes of state only.)
    const changes = logsOf(a.trace, 'blinker-2').filter(
      (l, i, all) => i === 0 || l.text.split(' ')[0] !== all[i - 1]!.text.split(' ')[0],
    );
    let offToOn = 0;
    for (let i = 1; i < changes.length; i++) {
      const [prev, cur] = [changes[i - 1]!, changes[i]!];
      if (prev.text.startsWith('off') && cur.text.startsWith('on')) {
        expect(cur.t - prev.t).toBeCloseTo(120, 6);
        offToOn++;
      }
    }
    expect(offToOn).toBeGreaterThan(3);
  });
});

const errorsOf = (trace: readonly TraceEvent[]) => trace.filter((e) => e.kind === 'error');
