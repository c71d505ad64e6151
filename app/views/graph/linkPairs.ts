/**
 * Which links to draw, as undirected pairs: every pair when there are few nodes (the topology is the
 * lesson), else only pairs that exchanged messages, are partitioned, or have a link override.
 */
import type { RunView } from '../../trace';

export interface LinkPair {
  key: string;
  /** Canonical order: a is the node that comes first in the view. */
  a: string;
  b: string;
  count: number;
  /** a -> b is blocked / b -> a is blocked. */
  blockedAB: boolean;
  blockedBA: boolean;
  /** A slow or flaky override on either direction. */
  override: boolean;
}

const ALL_PAIRS_UP_TO = 4;

export function linkPairs(view: Pick<RunView, 'nodes' | 'traffic' | 'blocked' | 'links'>): LinkPair[] {
  const order = new Map(view.nodes.map((n, i) => [n.id, i]));
  const pairs = new Map<string, LinkPair>();
  const get = (x: string, y: string): [LinkPair, boolean] | undefined => {
    const ix = order.get(x);
    const iy = order.get(y);
    if (ix === undefined || iy === undefined || x === y) return undefined;
    const forward = ix < iy;
    const [a, b] = forward ? [x, y] : [y, x];
    const key = `${a}\u0000${b}`;
    let p = pairs.get(key);
    if (!p)
      pairs.set(key, (p = { key, a, b, count: 0, blockedAB: false, blockedBA: false, override: false }));
    return [p, forward];
  };
  if (view.nodes.length <= ALL_PAIRS_UP_TO) {
    for (const [i, x] of view.nodes.entries()) for (const y of view.nodes.slice(i + 1)) get(x.id, y.id);
  }
  for (const tr of view.traffic) {
    const hit = get(tr.from, tr.to);
    if (hit) hit[0].count += tr.count;
  }
  for (const bl of view.blocked) {
    const hit = get(bl.from, bl.to);
    if (hit) hit[0][hit[1] ? 'blockedAB' : 'blockedBA'] = true;
  }
  for (const l of view.links) {
    const hit = get(l.from, l.to);
    if (hit) hit[0].override = true;
  }
  return [...pairs.values()];
}

/** A key that changes only when what the link layer draws changes (traffic counts bucketed). */
export function linkPairsKey(pairs: readonly LinkPair[]): string {
  return pairs
    .map((p) => `${p.key}:${trafficLevel(p.count)}${+p.blockedAB}${+p.blockedBA}${+p.override}`)
    .join('|');
}

/** Link weight in three steps (1, 10, 100+ messages): few steps, so the link layer rarely re-renders. */
export function trafficLevel(count: number): number {
  return count === 0 ? 0 : Math.min(3, Math.floor(Math.log10(count)) + 1);
}
