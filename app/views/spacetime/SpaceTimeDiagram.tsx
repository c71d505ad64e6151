/**
 * The space-time (Lamport) diagram: one lifeline per node, virtual time flowing down, each message an arrow
 * from (sender, sent) to (receiver, arrived). Everything after the cursor t is hidden, so scrubbing replays
 * it. React owns the DOM (labels, controls, tooltip); arrows and marks go on one canvas, drawn from a model
 * that grows with the trace and is queried by binary search for what is on screen.
 */
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { TraceEvent } from '../../../workers/kernel/protocol';
import { useElementSize } from '../graph/useElementSize';
import { drawScene } from './spacetime-draw';
import {
  arrowShape,
  distance2,
  layoutLanes,
  markPoint,
  PAD_TOP,
  tOf,
  visibleRange,
  type ArrowShape,
  type Viewport,
} from './spacetime-geometry';
import type { Mark } from './spacetime-model';
import { SpaceTimeControls } from './SpaceTimeControls';
import { SpaceTimeLanes } from './SpaceTimeLanes';
import { SpaceTimeTooltip } from './SpaceTimeTooltip';
import { typeColour, useStPalette } from './useStPalette';
import { useTimeViewport } from './useTimeViewport';
import { useTraceModel } from './useTraceModel';
import './spacetime.css';

export interface SpaceTimeDiagramProps {
  /** The trace (it may run ahead of t); an array that grows in place is folded incrementally. */
  events: readonly TraceEvent[];
  /** Nodes in the graph's order. */
  nodes: readonly { id: string; role: string }[];
  /** Role order: lanes left to right and their colours (--role-k). */
  roles: string[];
  /** The playback cursor (virtual ms). */
  t: number;
  /** The run's length (virtual ms): how far the diagram scrolls. */
  duration: number;
  /** Type order for colours (RunView.messageTypes); defaults to first-sent order in `events`, the same. */
  messageTypes?: string[];
  selected?: string;
  onSeek?(t: number): void;
  onSelectNode?(id: string): void;
}

/** Hover reach (px): generous, arrows are thin. */
const HIT = 7;

type Hover = { x: number; y: number } & (
  { shape: ArrowShape; mark?: undefined } | { mark: Mark; shape?: undefined }
);

export function SpaceTimeDiagram(props: SpaceTimeDiagramProps) {
  const { events, nodes, roles, t, duration, selected, onSeek, onSelectNode } = props;
  const root = useRef<HTMLDivElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width, height } = useElementSize(plot);
  const palette = useStPalette(root);
  const model = useTraceModel(events);
  const version = model.version;
  const types = props.messageTypes ?? model.types;

  const spawnKey = Array.from(model.spawned.keys()).join(',');
  const lanes = useMemo(
    () => layoutLanes(nodes, roles, model.spawned, width),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [nodes, roles, spawnKey, width],
  );
  const laneById = useMemo(() => new Map(lanes.map((l) => [l.id, l])), [lanes]);

  const vpState = useTimeViewport(height, t, Math.max(duration, t), model.typicalLatency, PAD_TOP);
  const vp: Viewport = useMemo(
    () => ({ top: vpState.top, k: vpState.k, height }),
    [vpState.top, vpState.k, height],
  );
  const [from, to] = visibleRange(vp);
  const cutTo = Math.min(to, t);
  // Only what is on screen and not after the cursor: a binary search, then a scan of the window.
  const shapes = useMemo(() => {
    if (cutTo < from) return [];
    const out: ArrowShape[] = [];
    for (const a of model.arrowsIn(from, cutTo)) {
      const s = arrowShape(a, laneById, vp, t, model.typicalLatency);
      if (s) out.push(s);
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, version, from, cutTo, laneById, vp, t]);
  const marks = useMemo(
    () => (cutTo < from ? [] : model.marksIn(from, cutTo)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, version, from, cutTo],
  );

  const [hover, setHover] = useState<Hover | null>(null);
  // Hover is kept by the arrow (stable across frames, unlike its shape), so the highlight follows it while
  // playing; something the cursor has since hidden drops out.
  const hoverShape = hover?.shape ? shapes.find((x) => x.a === hover.shape.a) : undefined;
  const hoverMark = hover?.mark && marks.includes(hover.mark) ? hover.mark : undefined;
  const live = hover && (hoverShape || hoverMark) ? { ...hover, shape: hoverShape, mark: hoverMark } : null;

  const dpr = typeof window === 'undefined' ? 1 : Math.min(2, window.devicePixelRatio || 1);
  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || width === 0 || height === 0) return;
    drawScene(ctx, {
      width,
      height,
      dpr,
      lanes,
      laneById,
      vp,
      t,
      shapes,
      marks,
      down: model.down,
      paused: model.paused,
      bands: model.bands,
      palette,
      types,
      ...(selected !== undefined && { selected }),
      hovered: hoverShape ?? null,
      hoveredMark: hoverMark ?? null,
    });
  }, [
    width,
    height,
    dpr,
    lanes,
    laneById,
    vp,
    t,
    shapes,
    marks,
    model,
    version,
    palette,
    types,
    selected,
    hoverShape,
    hoverMark,
  ]);

  // Wheel: scroll time; with Ctrl/⌘ (or a pinch, which browsers send as ctrl+wheel) zoom around the pointer.
  // A native listener, because React's wheel listeners are passive and could not keep the page still.
  const api = useRef(vpState);
  useEffect(() => {
    api.current = vpState;
  });
  useEffect(() => {
    const el = plot.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const dy =
        e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * el.clientHeight : e.deltaY;
      if (e.ctrlKey || e.metaKey) {
        api.current.zoomAt(Math.exp(-dy * 0.0025), e.clientY - el.getBoundingClientRect().top);
      } else api.current.scrollBy(dy);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const dragging = useRef(false);
  const seekAt = (y: number) => {
    const v = tOf(vp, y);
    onSeek?.(Math.round(Math.max(0, Math.min(Math.max(duration, t), v))));
  };
  const local = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    seekAt(local(e).y);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const { x, y } = local(e);
    if (dragging.current) return seekAt(y);
    setHover(hitTest(x, y));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const act: Record<string, () => void> = {
      ArrowUp: () => vpState.scrollBy(-40),
      ArrowDown: () => vpState.scrollBy(40),
      PageUp: () => vpState.scrollBy(-height * 0.8),
      PageDown: () => vpState.scrollBy(height * 0.8),
      '+': () => vpState.zoomAt(1.6, height / 2),
      '=': () => vpState.zoomAt(1.6, height / 2),
      '-': () => vpState.zoomAt(1 / 1.6, height / 2),
      f: () => vpState.setFollow(true),
    };
    const fn = act[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  };

  const hitTest = (x: number, y: number): Hover | null => {
    let best: Hover | null = null;
    let bestD = HIT * HIT;
    for (const m of marks) {
      const lane = laneById.get(m.node);
      if (!lane) continue;
      const p = markPoint(m, lane, vp);
      const d = (p.x - x) ** 2 + (p.y - y) ** 2;
      if (d < bestD) [best, bestD] = [{ x, y, mark: m }, d];
    }
    // Marks sit on lifelines where arrows end: a mark wins a tie, it is the smaller target.
    if (best) return best;
    for (const s of shapes) {
      const d = distance2(s, x, y);
      if (d < bestD) [best, bestD] = [{ x, y, shape: s }, d];
    }
    return best;
  };

  return (
    <div ref={root} className="st" aria-label="Space-time diagram" role="figure">
      <SpaceTimeLanes
        lanes={lanes}
        width={width}
        t={t}
        down={model.down}
        paused={model.paused}
        version={version}
        {...(selected !== undefined && { selected })}
        {...(onSelectNode && { onSelectNode })}
      />
      <div
        ref={plot}
        className="st-plot"
        role="group"
        tabIndex={0}
        aria-label="Time axis: click to seek; arrow keys scroll, + and − zoom, F follows the cursor"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={() => setHover(null)}
      >
        <canvas
          ref={canvas}
          className="st-canvas"
          width={Math.max(1, Math.round(width * dpr))}
          height={Math.max(1, Math.round(height * dpr))}
          style={{ width, height }}
          aria-hidden="true"
        />
        {live && (
          <SpaceTimeTooltip
            {...(live.shape ? { arrow: live.shape.a } : { mark: live.mark })}
            t={t}
            colour={live.shape ? typeColour(palette, types, live.shape.a.type) : palette.muted}
            x={live.x}
            y={live.y}
            width={width}
            height={height}
          />
        )}
      </div>
      <SpaceTimeControls
        types={types}
        palette={palette}
        follow={vpState.follow}
        onZoom={(f) => vpState.zoomAt(f, height / 2)}
        onFit={vpState.fit}
        onFollow={() => vpState.setFollow(true)}
      />
    </div>
  );
}
