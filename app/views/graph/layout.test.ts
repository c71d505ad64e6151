import { scaleBand } from 'd3';
import { describe, expect, it } from 'vitest';
import type { NodeViewState } from '../../trace';
import { bandsFor, computeLayout } from './layout';

const node = (id: string, role: string, index: number) => ({ id, role, index }) as NodeViewState;

describe('computeLayout', () => {
  it('widens a column that wraps into sub-columns, so its labels do not pile up', () => {
    // DNS at 1280x800 after a rolling update: eight servers in a graph ~175 px tall, beside four small roles.
    const roles = ['user', 'client', 'dns', 'ops', 'server'];
    const nodes = [
      node('user', 'user', 0),
      node('client-1', 'client', 1),
      node('client-2', 'client', 2),
      node('dns', 'dns', 3),
      node('ops', 'ops', 4),
      ...Array.from({ length: 8 }, (_, i) => node(`ops/server-${i + 1}`, 'server', 5 + i)),
    ];
    const layout = computeLayout(nodes, roles, 530, 175);
    const servers = nodes.filter((n) => n.role === 'server').map((n) => layout.get(n.id)!);
    // A label ("ops/server-7", ~70 px at 11 px) and its line (~14 px): no two servers' labels overlap.
    for (const [i, a] of servers.entries())
      for (const b of servers.slice(i + 1))
        expect(Math.abs(a.x - b.x) >= 60 || Math.abs(a.y - b.y) >= 14, `${a.x},${a.y} ${b.x},${b.y}`).toBe(
          true,
        );
    // Every node stays inside the graph, columns left to right in role order.
    for (const p of layout.values()) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(530);
    }
    const xs = roles.map((r) => layout.get(nodes.find((n) => n.role === r)!.id)!.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('gives equal bands when no column wraps (what scaleBand gave)', () => {
    const bands = bandsFor([1, 1, 1], 0, 310, 0.1);
    const d3 = scaleBand<number>().domain([0, 1, 2]).range([0, 310]).paddingInner(0.1);
    for (const [i, b] of bands.entries()) {
      expect(b.x0).toBeCloseTo(d3(i)!);
      expect(b.bandwidth).toBeCloseTo(d3.bandwidth());
    }
    const wide = bandsFor([1, 3], 0, 410, 0.1);
    expect(wide[1]!.bandwidth / wide[0]!.bandwidth).toBeCloseTo(3);
  });
});
