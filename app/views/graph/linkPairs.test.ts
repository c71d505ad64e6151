import { describe, expect, it } from 'vitest';
import { RunViewIndex } from '../../trace';
import { node, send, syntheticTrace } from '../../trace/testTraces';
import { LinkTally, linkPairs, type LinkGroup, type LinkPair } from './linkPairs';

const ids = ['client', 'lb', 'server-1', 'server-2', 'server-3', 'server-4'];
const nodes = ids.map((id, i) => node(id, id.split('-')[0] as string, i));
const byKey = (pairs: readonly LinkPair[]) =>
  [...pairs].map((p) => ({ ...p })).sort((x, y) => (x.key < y.key ? -1 : 1));
const flat = (groups: readonly LinkGroup[]) => groups.flatMap((g) => g.pairs);

describe('LinkTally', () => {
  it('draws what linkPairs draws, view after view, forwards and back, through partitions and spawns', () => {
    // The synthetic trace partitions, heals, overrides links and spawns nodes along the way.
    const trace = syntheticTrace(ids, 3000, 11);
    const end = trace[trace.length - 1]!.t;
    const index = new RunViewIndex(nodes, 100).append(trace);
    const tally = new LinkTally();
    const forwards = Array.from({ length: 120 }, (_, k) => Math.round((k * end) / 119));
    const jumps = Array.from({ length: 40 }, (_, k) => Math.round(((k * 7919) % 101) * (end / 100)));
    for (const t of [...forwards, ...jumps]) {
      const view = index.at(t);
      const groups = tally.update(view);
      expect(byKey(flat(groups)), `t = ${t}`).toEqual(byKey(linkPairs(view)));
      for (const g of groups) expect(g.pairs.every((p) => p.a === g.a)).toBe(true);
    }
  });

  it('hands out the same groups while nothing drawn changes, and a new array for the group that did', () => {
    const index = new RunViewIndex(nodes);
    const tally = new LinkTally();
    index.append([send(0, 'client', 'lb', 'ping'), send(0, 'server-1', 'server-2', 'ping')]);
    const first = tally.update(index.at(0));
    expect(first.map((g) => g.a)).toEqual(['client', 'server-1']);
    // Two more client -> lb messages: count 3, the same traffic level (1-9): nothing drawn changed.
    index.append([send(1, 'client', 'lb', 'ping'), send(2, 'lb', 'client', 'pong')]);
    const same = tally.update(index.at(2));
    expect(same).toBe(first);
    expect(same[0]!.pairs[0]!.count).toBe(3);
    // Ten: the link thickens; only its group is a new array.
    index.append(Array.from({ length: 7 }, (_, k) => send(3 + k, 'client', 'lb', 'ping')));
    const thicker = tally.update(index.at(10));
    expect(thicker).not.toBe(first);
    expect(thicker[0]).not.toBe(first[0]);
    expect(thicker[1]).toBe(first[1]);
    expect(thicker[0]!.pairs[0]!.count).toBe(10);
    // Back to t = 0: counts go back down (started over: the entries no longer line up).
    expect(byKey(flat(tally.update(index.at(0))))).toEqual(byKey(linkPairs(index.at(0))));
  });
});
