/**
 * The running system: nodes (SVG buttons), links (SVG), messages (canvas), at the view's virtual time.
 * A pure view of props; the only local state is zoom/pan and which message the pointer is over.
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { DEFAULT_FADE_MS, type NodeId, type RunView } from '../../trace';
import { GraphLinks } from './GraphLinks';
import { useReducedMotion } from '../../ui/useReducedMotion';
import { GraphNode } from './GraphNode';
import { computeLayout, roleOrder } from './layout';
import { LinkTally } from './linkPairs';
import { MessageCanvas } from './MessageCanvas';
import { MessageTooltip } from './MessageTooltip';
import { placeMessages, type Placed } from './placeMessages';
import { TypeLegend } from './TypeLegend';
import { useElementSize } from './useElementSize';
import { typeColour, usePalette } from './usePalette';
import './graph.css';

export interface NetworkGraphProps {
  view: RunView;
  /** Role order: colours (--role-0..7) and columns, left to right. */
  roles: string[];
  selected?: NodeId;
  onNodeClick?(id: NodeId, anchor: DOMRect): void;
  onLinkClick?(from: NodeId, to: NodeId, anchor: DOMRect): void;
  /** Fades and falls for ended messages (default true; off also when the user prefers reduced motion). */
  animate?: boolean;
  /** The fade window the view was built with (RunViewIndex.at's fadeMs). */
  fadeMs?: number;
}

export function NetworkGraph({
  view,
  roles,
  selected,
  onNodeClick,
  onLinkClick,
  animate = true,
  fadeMs = DEFAULT_FADE_MS,
}: NetworkGraphProps) {
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(box);
  const legend = useRef<HTMLDivElement>(null);
  // The tallest the legend has been: it grows a row as message types appear, and nodes that moved back
  // down each time a row went away would jump about while the run plays.
  const measured = useElementSize(legend).height;
  const [legendHeight, setLegendHeight] = useState(0);
  if (measured > legendHeight) setLegendHeight(measured);
  // Nodes are laid out above the legend (bottom left), so it never covers a node or its label; on a very
  // short pane they keep at least 60% of the height and the legend may overlap the lowest row.
  const nodeHeight = legendHeight > 0 ? Math.max(height * 0.6, height - legendHeight - 8) : height;
  const palette = usePalette(box);
  const zoomer = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [hover, setHover] = useState<{ id: string; x: number; y: number } | null>(null);
  const reduced = useReducedMotion();
  const motion = animate && !reduced;

  // Layout depends only on who exists (not on their state), so it is stable while the run plays: memos
  // below are keyed on strings that change only when membership or the drawn links change.
  const membership = view.nodes.map((n) => `${n.id}:${n.role}`).join(',');
  const order = useMemo(
    () => roleOrder(roles, view.nodes),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [roles, membership],
  );
  const legendRoles = useMemo(
    () => order.filter((r) => view.nodes.some((n) => n.role === r)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [order, membership],
  );
  const layout = useMemo(
    () => computeLayout(view.nodes, order, width, nodeHeight),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [membership, order, width, nodeHeight],
  );
  // Followed from frame to frame: the same groups while nothing drawn changed (see LinkTally).
  const [tally] = useState(() => new LinkTally());
  const linkGroups = tally.update(view);
  const placed = useMemo(
    () => placeMessages(view.messages, layout, view.t, fadeMs, motion),
    [view.messages, layout, view.t, fadeMs, motion],
  );
  const hovered = hover ? (placed.find((p) => keyOf(p) === hover.id) ?? null) : null;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const z = zoom<HTMLDivElement, unknown>()
      .scaleExtent([0.4, 5])
      .filter((e: Event) => (e.type === 'wheel' ? true : !(e as MouseEvent).button && !isNode(e.target)))
      .on('zoom', (e: { transform: ZoomTransform }) => setTransform(e.transform));
    zoomer.current = z;
    const sel = select(el).call(z).on('dblclick.zoom', null);
    return () => void sel.on('.zoom', null);
  }, []);

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const [gx, gy] = transform.invert([e.clientX - r.left, e.clientY - r.top]);
    let best: Placed | null = null;
    let bestD = (9 / transform.k) ** 2;
    for (const p of placed) {
      const d = (p.x - gx) ** 2 + (p.y - gy) ** 2;
      if (d < bestD) [best, bestD] = [p, d];
    }
    const next = best ? { id: keyOf(best), x: e.clientX - r.left, y: e.clientY - r.top } : null;
    setHover((h) => (h?.id === next?.id && h?.x === next?.x ? h : next));
  };

  const g = `translate(${transform.x},${transform.y}) scale(${transform.k})`;
  const zoomed = transform.k !== 1 || transform.x !== 0 || transform.y !== 0;
  return (
    <div ref={box} className="ng" onPointerMove={onPointerMove} onPointerLeave={() => setHover(null)}>
      <svg className="ng-layer" width={width} height={height} aria-hidden="true">
        <g transform={g}>
          <GraphLinks groups={linkGroups} layout={layout} onLinkClick={onLinkClick} />
        </g>
      </svg>
      <MessageCanvas
        placed={placed}
        width={width}
        height={height}
        transform={transform}
        palette={palette}
        types={view.messageTypes}
        hovered={hovered}
      />
      <svg className="ng-layer ng-nodes" width={width} height={height} role="group" aria-label="Nodes">
        <g transform={g}>
          {view.nodes.map((n) => {
            const at = layout.get(n.id);
            if (!at) return null;
            const ri = order.indexOf(n.role);
            return (
              <GraphNode
                key={n.id}
                id={n.id}
                role={n.role}
                status={n.status}
                x={at.x}
                y={at.y}
                r={at.r}
                colour={`var(--role-${(ri < 0 ? 0 : ri) % 8})`}
                errors={n.errors.length}
                crash={n.status === 'crashed' ? crashNote(n) : undefined}
                selected={n.id === selected}
                clockOffset={n.clockOffset}
                labelBelow={at.column >= 0 || at.y >= nodeHeight / 2 - 30}
                onActivate={onNodeClick}
              />
            );
          })}
        </g>
      </svg>
      <TypeLegend ref={legend} types={view.messageTypes} palette={palette} roles={legendRoles} />
      {hovered && hover && (
        <MessageTooltip
          placed={hovered}
          x={hover.x}
          y={hover.y}
          width={width}
          colour={typeColour(palette, view.messageTypes, hovered.m.type)}
        />
      )}
      {zoomed && (
        <button
          type="button"
          className="ng-reset"
          onClick={() => {
            if (box.current && zoomer.current)
              select(box.current).call(zoomer.current.transform, zoomIdentity);
          }}
        >
          Reset view
        </button>
      )}
    </div>
  );
}

const keyOf = (p: Placed): string => `${p.m.id}/${p.m.copy}`;
const isNode = (t: EventTarget | null): boolean => t instanceof Element && t.closest('.ng-node') !== null;

/** Why a crashed node is down, and where, when the run says so (a handler that never returned). */
function crashNote(n: RunView['nodes'][number]): { reason: string; where?: string } | undefined {
  if (n.lastCrashReason === undefined) return undefined;
  const last = n.errors[n.errors.length - 1];
  const where = last?.where ? `${last.where.file}:${last.where.line}` : undefined;
  return where ? { reason: n.lastCrashReason, where } : { reason: n.lastCrashReason };
}
