import { describe, expect, it } from 'vitest';
import { buildRunView } from './buildRunView';
import { RunViewIndex } from './RunViewIndex';
import { node, syntheticTrace } from './testTraces';

const ids = ['client', 'lb', 'server-1', 'server-2', 'server-3'];
const nodes = ids.map((id, i) => node(id, id.split('-')[0] as string, i));
const trace = syntheticTrace(ids, 4000);
const end = trace[trace.length - 1]?.t ?? 0;
// A fixed, jumpy walk over the run: forwards, backwards, repeats, before the start and past the end.
const ts = [
  0,
  3,
  1,
  -5,
  end + 10,
  ...Array.from({ length: 60 }, (_, k) => Math.round(((k * 7919) % 101) * (end / 100))),
];

describe('RunViewIndex', () => {
  it('answers like a fold from zero at many times (snapshots every 100 events)', () => {
    const index = new RunViewIndex(nodes, 100).append(trace);
    const seen = new Set<string>();
    for (const t of ts) {
      const v = index.at(t);
      expect(v, `t = ${t}`).toEqual(buildRunView(trace, nodes, t));
      for (const m of v.messages) seen.add(m.duplicate ? 'dup' : m.fate);
      for (const n of v.nodes) seen.add(n.status);
    }
    // The walk must actually meet the cases it claims to cover.
    expect([...seen].sort()).toEqual(['crashed', 'delivered', 'dropped', 'dup', 'in-flight', 'paused', 'up']);
  });

  it('answers like a fold from zero while chunks keep arriving', () => {
    const index = new RunViewIndex(nodes, 64);
    let have = 0;
    for (const size of [1, 17, 300, 999, 64, 2000, 619]) {
      const chunk = trace.slice(have, have + size);
      index.appendChunk({ from: have, events: chunk, virtualMs: 0, finished: false, nodes });
      have += chunk.length;
      const prefix = trace.slice(0, have);
      for (const t of ts.slice(0, 12)) expect(index.at(t)).toEqual(buildRunView(prefix, nodes, t));
    }
    expect(index.length).toBe(trace.length);
  });

  it('plays forward frame by frame like a fold from zero, reusing unchanged node views', () => {
    const index = new RunViewIndex(nodes, 500).append(trace);
    let prev = index.at(0);
    for (let t = 0; t <= end; t += Math.max(1, Math.floor(end / 150))) {
      const v = index.at(t);
      expect(v).toEqual(buildRunView(trace, nodes, t));
      if (v.eventIndex === prev.eventIndex) expect(v.nodes[0]).toBe(prev.nodes[0]);
      prev = v;
    }
  });

  it('returns the same object for the same time and trace', () => {
    const index = new RunViewIndex(nodes).append(trace);
    expect(index.at(50)).toBe(index.at(50));
  });

  it('skips the overlap of a re-sent chunk and refuses a gap', () => {
    const index = new RunViewIndex(nodes);
    index.appendChunk({ from: 0, events: trace.slice(0, 10), virtualMs: 0, finished: false, nodes });
    index.appendChunk({ from: 5, events: trace.slice(5, 20), virtualMs: 0, finished: false, nodes });
    expect(index.length).toBe(20);
    expect(() => index.appendChunk({ from: 30, events: [], virtualMs: 0, finished: false, nodes })).toThrow(
      /gap/,
    );
  });
});
