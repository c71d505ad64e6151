/**
 * The seeded nemesis: faults a scenario declares as ranges ("crash one candidate for 1-3 s somewhere in
 * [2 s, 8 s]"), drawn per seed into ordinary faults before the run starts. Fifty seeds then test fifty
 * interleavings (which node, when, for how long), not one fixed schedule with different dice; the drawn
 * schedule is recorded at t=0 (a `nemesis` trace event) and replays exactly from the seed.
 *
 * Each entry draws from its own stream (seed, 'nemesis', entry index), so adding an entry never moves the
 * draws of the others, nor the network's or the nodes'. Draws happen in a fixed order per entry: for each of
 * `count` faults, the node, then the start, then the length (or the offset).
 */
import { mixSeed, RandomStream } from './prng';
import type { FaultSpec, LatencySpec, LinkSpec, PartitionDirection } from './protocol';

/** A virtual time or length in ms: exactly this, or drawn uniformly from [min, max] (whole ms). */
export type MsRange = number | readonly [min: number, max: number];

interface Drawn {
  /** When the fault starts: drawn from this range. */
  at: MsRange;
  /** How many independent faults to draw from this entry (default 1): each picks its own node and times. */
  count?: number;
}

/**
 * A fault drawn per seed. `node`, `from` and `to` name a node or a role; where the entry picks one node
 * (`node`, `from`), it picks uniformly among the run's initial nodes of that name.
 */
/**
 * `every: true` (crash, kill, pause): hit every node of that role alive at the fault's moment instead of
 * one initial node, so a role whose nodes are all spawned during the run (a factory's workers) can be hit.
 */
interface EveryNode {
  every?: boolean;
}

export type NemesisSpec =
  /** Crash one node, and restart it `down` ms later (memory lost, storage kept). */
  | (Drawn & EveryNode & { kind: 'crash'; node: string; down: MsRange })
  /** Crash one node for good. */
  | (Drawn & EveryNode & { kind: 'kill'; node: string })
  /** Pause one node (alive, slow: it handles nothing) for `for` ms, then resume it. */
  | (Drawn & EveryNode & { kind: 'pause'; node: string; for: MsRange })
  /** Cut one node of `from` off from every node of `to` for `for` ms. */
  | (Drawn & {
      kind: 'partition';
      from: string;
      to: string;
      for: MsRange;
      direction?: PartitionDirection;
    })
  /** Set one node's clock off by `offsetMs` (negative: behind) from `at` on; `for` ms later it is right again. */
  | (Drawn & { kind: 'skew'; node: string; offsetMs: MsRange; for?: MsRange })
  /** Make the links between one node of `from` and every node of `to` slow for `for` ms. */
  | (Drawn & { kind: 'slow'; from: string; to: string; for: MsRange; latency: LatencySpec })
  /** Make the links between one node of `from` and every node of `to` lossy for `for` ms. */
  | (Drawn & { kind: 'flaky'; from: string; to: string; for: MsRange; loss: number });

/** What the nemesis needs to know of the run: which initial nodes a name means, and a link's normal spec. */
export interface NemesisWorld {
  nodesNamed(name: string): string[];
  link(from: string, to: string): LinkSpec;
}

/** Draw every entry's faults for one seed, in entry order (each entry's own faults in draw order). */
export function drawNemesis(specs: readonly NemesisSpec[], seed: number, world: NemesisWorld): FaultSpec[] {
  return drawNemesisGroups(specs, seed, world).flat();
}

/**
 * The same draw, one group per drawn fault: its start first, then the faults that end it (a restart, a
 * heal, links back to normal). A group is what the shrinker of a failing seed drops or shortens.
 */
export function drawNemesisGroups(
  specs: readonly NemesisSpec[],
  seed: number,
  world: NemesisWorld,
): FaultSpec[][] {
  const faults: FaultSpec[][] = [];
  specs.forEach((spec, index) => {
    const rng = new RandomStream(mixSeed(seed, 'nemesis', index));
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 0)
      throw new Error(`nemesis entry ${index} (${spec.kind}): count must be a whole number >= 0`);
    for (let k = 0; k < count; k++) faults.push(drawOne(spec, rng, world, index));
  });
  return faults;
}

function drawOne(spec: NemesisSpec, rng: RandomStream, world: NemesisWorld, index: number): FaultSpec[] {
  const where = `nemesis entry ${index} (${spec.kind})`;
  const pickFrom = (name: string): string => {
    const nodes = world.nodesNamed(name);
    if (nodes.length === 0) throw new Error(`${where} names '${name}', which is no node or role of this run`);
    return nodes[Math.min(nodes.length - 1, Math.floor(rng.next() * nodes.length))]!;
  };
  const draw = (range: MsRange, what: string): number => {
    const [min, max] = typeof range === 'number' ? [range, range] : range;
    if (!Number.isFinite(min) || !Number.isFinite(max) || max < min)
      throw new Error(`${where}: ${what} must be a number or [min, max] with min <= max`);
    // Always one draw, even for a fixed number, so changing a range to a number keeps later draws in place.
    const r = rng.next();
    return Math.round(min + r * (max - min));
  };
  switch (spec.kind) {
    case 'crash': {
      const node = spec.every ? spec.node : pickFrom(spec.node);
      const at = draw(spec.at, 'at');
      const down = draw(spec.down, 'down');
      return [
        { at, kind: 'crash', node },
        { at: at + down, kind: 'restart', node },
      ];
    }
    case 'kill': {
      const node = spec.every ? spec.node : pickFrom(spec.node);
      return [{ at: draw(spec.at, 'at'), kind: 'crash', node }];
    }
    case 'pause': {
      const node = spec.every ? spec.node : pickFrom(spec.node);
      const at = draw(spec.at, 'at');
      const length = draw(spec.for, 'for');
      return [
        { at, kind: 'pause', node },
        { at: at + length, kind: 'resume', node },
      ];
    }
    case 'partition': {
      const from = pickFrom(spec.from);
      const at = draw(spec.at, 'at');
      const length = draw(spec.for, 'for');
      const direction = spec.direction ?? 'both';
      return [
        { at, kind: 'partition', from, to: spec.to, direction },
        { at: at + length, kind: 'heal', from, to: spec.to, direction },
      ];
    }
    case 'skew': {
      const node = pickFrom(spec.node);
      const at = draw(spec.at, 'at');
      const offsetMs = draw(spec.offsetMs, 'offsetMs');
      const faults: FaultSpec[] = [{ at, kind: 'skew', node, offsetMs }];
      if (spec.for !== undefined)
        faults.push({ at: at + draw(spec.for, 'for'), kind: 'skew', node, offsetMs: 0 });
      return faults;
    }
    case 'slow':
    case 'flaky': {
      const from = pickFrom(spec.from);
      const at = draw(spec.at, 'at');
      const length = draw(spec.for, 'for');
      const change: Partial<LinkSpec> =
        spec.kind === 'slow' ? { latency: spec.latency } : { loss: spec.loss };
      const faults: FaultSpec[] = [];
      for (const to of world.nodesNamed(spec.to)) {
        if (to === from) continue;
        // Back to how the scenario set each direction up (they may differ), at the end of the fault.
        const normalOut = world.link(from, to);
        const normalIn = world.link(to, from);
        faults.push({ at, kind: 'link', from, to, spec: change });
        faults.push({
          at: at + length,
          kind: 'link',
          from,
          to,
          spec: restore(normalOut, change),
          direction: 'one-way',
        });
        faults.push({
          at: at + length,
          kind: 'link',
          from: to,
          to: from,
          spec: restore(normalIn, change),
          direction: 'one-way',
        });
      }
      return faults;
    }
  }
}

/** The fields of `normal` that `change` touched: what undoes it. */
function restore(normal: LinkSpec, change: Partial<LinkSpec>): Partial<LinkSpec> {
  const back: Partial<LinkSpec> = {};
  if (change.latency !== undefined) back.latency = normal.latency;
  if (change.loss !== undefined) back.loss = normal.loss;
  return back;
}
