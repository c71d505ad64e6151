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

/** The links from one node (`a`) to nodes after it in the view: the unit the graph re-renders. */
export interface LinkGroup {
  a: string;
  pairs: LinkPair[];
}

type PairView = Pick<RunView, 'nodes' | 'traffic' | 'blocked' | 'links'>;

const ALL_PAIRS_UP_TO = 4;

/** The pairs of a view, and for each of its traffic entries the pair it counts into (if drawn). */
function tally(view: PairView) {
  const order = new Map(view.nodes.map((n, i) => [n.id, i]));
  const pairs = new Map<string, LinkPair>();
  /** The pair of x and y (made when new: `created`), and whether x -> y is its a -> b. */
  const get = (x: string, y: string): [LinkPair, boolean, boolean] | undefined => {
    const ix = order.get(x);
    const iy = order.get(y);
    if (ix === undefined || iy === undefined || x === y) return undefined;
    const forward = ix < iy;
    const [a, b] = forward ? [x, y] : [y, x];
    const key = `${a}\u0000${b}`;
    let p = pairs.get(key);
    const created = !p;
    if (!p)
      pairs.set(key, (p = { key, a, b, count: 0, blockedAB: false, blockedBA: false, override: false }));
    return [p, forward, created];
  };
  if (view.nodes.length <= ALL_PAIRS_UP_TO) {
    for (const [i, x] of view.nodes.entries()) for (const y of view.nodes.slice(i + 1)) get(x.id, y.id);
  }
  const owners = view.traffic.map((tr) => {
    const hit = get(tr.from, tr.to);
    if (hit) hit[0].count += tr.count;
    return hit?.[0];
  });
  for (const bl of view.blocked) {
    const hit = get(bl.from, bl.to);
    if (hit) hit[0][hit[1] ? 'blockedAB' : 'blockedBA'] = true;
  }
  for (const l of view.links) {
    const hit = get(l.from, l.to);
    if (hit) hit[0].override = true;
  }
  return { pairs, owners, get };
}

export function linkPairs(view: PairView): LinkPair[] {
  return [...tally(view).pairs.values()];
}

/** Link weight in three steps (1, 10, 100+ messages): few steps, so the link layer rarely re-renders. */
export function trafficLevel(count: number): number {
  return count === 0 ? 0 : Math.min(3, Math.floor(Math.log10(count)) + 1);
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * `linkPairs` of view after view, grouped by `a`, at the cost of what changed: 50 busy nodes have ~2,450
 * directed traffic entries, and recounting them all (and keying the result) every frame cost milliseconds.
 * The trace fold replaces a traffic entry when its count changes and appends new pairs, in first-send order
 * (app/trace/fold.ts), so a view's entries line up with the previous view's by position: only entries that
 * are not the same object are counted again. Anything else (other nodes, a partition or link override
 * change, an entry that does not line up, the cursor moved back past a pair's first message) starts over.
 *
 * A group's array, and the list of groups, are new objects exactly when something drawn in them changed (a
 * pair appeared, its traffic level or its flags changed), so memoised views skip the rest; counts are kept
 * current in place.
 */
export class LinkTally {
  private ids: string[] = [];
  private traffic: RunView['traffic'] = [];
  private blocked: RunView['blocked'] = [];
  private links: RunView['links'] = [];
  private owners: (LinkPair | undefined)[] = [];
  private get: ReturnType<typeof tally>['get'] = () => undefined;
  private groups = new Map<string, LinkGroup>();
  private list: LinkGroup[] = [];

  update(view: PairView): LinkGroup[] {
    const ids = view.nodes.map((n) => n.id);
    if (
      !sameItems(ids, this.ids) ||
      !sameItems(view.blocked, this.blocked) ||
      !sameItems(view.links, this.links) ||
      !this.follow(view.traffic)
    ) {
      this.restart(view, ids);
    }
    this.traffic = view.traffic;
    return this.list;
  }

  /** Count the traffic entries that changed since the last view; false when they do not line up. */
  private follow(next: RunView['traffic']): boolean {
    const prev = this.traffic;
    if (next.length < prev.length) return false;
    /** The groups copied in this update (each handed out once; never changed after). */
    const changed = new Set<string>();
    const touch = (a: string): LinkGroup => {
      let g = this.groups.get(a);
      if (!changed.has(a)) {
        changed.add(a);
        this.groups.set(a, (g = { a, pairs: g ? [...g.pairs] : [] }));
      }
      return g!;
    };
    const count = (p: LinkPair, by: number) => {
      const before = trafficLevel(p.count);
      p.count += by;
      if (trafficLevel(p.count) !== before) touch(p.a);
    };
    for (let i = 0; i < prev.length; i++) {
      const was = prev[i]!;
      const now = next[i]!;
      if (now === was) continue;
      if (now.from !== was.from || now.to !== was.to) return false;
      const p = this.owners[i];
      if (p) count(p, now.count - was.count);
    }
    for (let i = prev.length; i < next.length; i++) {
      const now = next[i]!;
      const [p, , created] = this.get(now.from, now.to) ?? [];
      this.owners.push(p);
      if (!p) continue;
      if (created) touch(p.a).pairs.push(p);
      count(p, now.count);
    }
    if (changed.size > 0) this.list = [...this.groups.values()];
    return true;
  }

  private restart(view: PairView, ids: string[]): void {
    const t = tally(view);
    this.ids = ids;
    this.blocked = view.blocked;
    this.links = view.links;
    this.owners = t.owners;
    this.get = t.get;
    this.groups = new Map();
    for (const p of t.pairs.values()) {
      const g = this.groups.get(p.a);
      if (g) g.pairs.push(p);
      else this.groups.set(p.a, { a: p.a, pairs: [p] });
    }
    this.list = [...this.groups.values()];
  }
}
