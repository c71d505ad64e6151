/**
 * The links between nodes (SVG, React-rendered). Partitioned links are dashed red with a cut mark; a
 * one-way partition shows an arrow for the blocked direction. Each link has a wide invisible hit area.
 */
import { memo, type MouseEvent } from 'react';
import { curvePath, linkCurve, normalAt, pointAt } from './geometry';
import type { Layout, NodePlace } from './layout';
import { trafficLevel, type LinkGroup, type LinkPair } from './linkPairs';

interface Props {
  groups: readonly LinkGroup[];
  layout: Layout;
  onLinkClick?: (from: string, to: string, anchor: DOMRect) => void;
}

export const GraphLinks = memo(function GraphLinks({ groups, layout, onLinkClick }: Props) {
  return (
    <g className="ng-links">
      {groups.map((g) => (
        <LinkGroupView key={g.a} pairs={g.pairs} layout={layout} onLinkClick={onLinkClick} />
      ))}
    </g>
  );
});

/**
 * The links of one group (LinkTally): while 50 nodes' links appear and thicken, a frame changes a few
 * groups, and only those re-render (one list of ~1,200 links compared every frame cost milliseconds).
 */
const LinkGroupView = memo(function LinkGroupView(props: {
  pairs: readonly LinkPair[];
  layout: Layout;
  onLinkClick?: Props['onLinkClick'];
}) {
  const { layout, onLinkClick } = props;
  return props.pairs.map((p) => {
    const a = layout.get(p.a);
    const b = layout.get(p.b);
    if (!a || !b) return null;
    return (
      <LinkView
        key={p.key}
        a={a}
        b={b}
        from={p.a}
        to={p.b}
        level={trafficLevel(p.count)}
        blockedAB={p.blockedAB}
        blockedBA={p.blockedBA}
        override={p.override}
        onLinkClick={onLinkClick}
      />
    );
  });
});

interface LinkProps {
  a: NodePlace;
  b: NodePlace;
  from: string;
  to: string;
  level: number;
  blockedAB: boolean;
  blockedBA: boolean;
  override: boolean;
  onLinkClick?: Props['onLinkClick'];
}

/** One link; memoised on primitives and layout places, so a fault on one link re-renders only that link. */
const LinkView = memo(function LinkView({
  a,
  b,
  from,
  to,
  level,
  blockedAB,
  blockedBA,
  override,
  onLinkClick,
}: LinkProps) {
  const k = linkCurve(a, b);
  const d = curvePath(k);
  const cut = blockedAB || blockedBA;
  const oneWay = blockedAB !== blockedBA;
  const click = (e: MouseEvent<SVGPathElement>) =>
    onLinkClick?.(from, to, new DOMRect(e.clientX, e.clientY, 0, 0));
  const cls = `ng-link${cut ? ' is-cut' : ''}${override ? ' is-override' : ''}${level === 0 ? ' is-idle' : ''}`;
  return (
    <g className={cls}>
      <path className="ng-link-line" d={d} style={{ strokeWidth: cut ? 1.75 : 0.75 + level * 0.5 }} />
      {cut && <CutMark a={a} b={b} oneWayAB={oneWay ? blockedAB : null} />}
      {onLinkClick && (
        <path className="ng-link-hit" d={d} onClick={click}>
          <title>{`${from} ↔ ${to}${cut ? ' (partitioned)' : ''}: click for link faults`}</title>
        </path>
      )}
    </g>
  );
});

/** Two slashes across the link's middle; for one-way, an arrowhead says which way is blocked. */
function CutMark(props: { a: NodePlace; b: NodePlace; oneWayAB: boolean | null }) {
  const k = linkCurve(props.a, props.b);
  const m = pointAt(k, 0.5);
  const n = normalAt(k, 0.5);
  const tx = n.y;
  const ty = -n.x;
  const slash = (off: number) =>
    `M${m.x + tx * off - n.x * 7 + tx * 2},${m.y + ty * off - n.y * 7 + ty * 2}L${m.x + tx * off + n.x * 7 - tx * 2},${m.y + ty * off + n.y * 7 - ty * 2}`;
  let arrow: string | null = null;
  if (props.oneWayAB !== null) {
    // (tx, ty) is the tangent from a to b: the arrow points the way messages cannot go.
    const dir = props.oneWayAB ? 1 : -1;
    const ax = m.x + tx * dir * 16;
    const ay = m.y + ty * dir * 16;
    const bx = ax - tx * dir * 9;
    const by = ay - ty * dir * 9;
    arrow = `M${bx + n.x * 6},${by + n.y * 6}L${ax},${ay}L${bx - n.x * 6},${by - n.y * 6}`;
  }
  return (
    <g className="ng-cut">
      <path d={`${slash(-2.5)}${slash(2.5)}`} />
      {arrow && <path className="ng-cut-arrow" d={arrow} />}
    </g>
  );
}
