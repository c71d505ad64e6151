/**
 * Virtual time as a track: the computed-so-far region, message density (drops in red), fault markers,
 * and a playback cursor to click, drag or step with the arrow keys. A slider to assistive tech.
 */
import { memo, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { max, scaleLinear } from 'd3';
import { axisInSeconds, formatMs } from '../../format/time';
import type { TraceEvent } from '../../trace';
import { useElementSize } from '../graph/useElementSize';
import { DensityCounter, type Bucket } from './density';
import './timeline.css';

export interface TimelineProps {
  duration: number;
  t: number;
  reachedMs: number;
  events: readonly TraceEvent[];
  faults: { at: number; label: string }[];
  onSeek(t: number): void;
}

const H = { faults: 18, strip: 26, axis: 18 };
const HEIGHT = H.faults + H.strip + H.axis;
const PAD_X = 10;

export function Timeline({ duration, t, reachedMs, events, faults, onSeek }: TimelineProps) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(box);
  const [hoverFault, setHoverFault] = useState<number | null>(null);
  const dragging = useRef(false);
  const span = Math.max(duration, 1);
  const x = trackScale(width, span);
  const bucketCount = Math.max(10, Math.floor((width - 2 * PAD_X) / 4));
  // Count only the events that arrived since (the trace is append-only); start over when the track resizes.
  const counter = useMemo(() => new DensityCounter(span, bucketCount), [span, bucketCount]);
  const buckets = useMemo(
    () => counter.count(events),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [counter, events, events.length],
  );
  const yStrip = H.faults;

  const seekAt = (clientX: number) => {
    const r = box.current?.getBoundingClientRect();
    if (!r) return;
    onSeek(Math.round(x.invert(clientX - r.left)));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    seekAt(e.clientX);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) seekAt(e.clientX);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = Math.max(1, Math.round(span / (e.shiftKey ? 10 : 100)));
    const to: Record<string, number> = {
      ArrowLeft: t - step,
      ArrowRight: t + step,
      Home: 0,
      End: reachedMs,
      PageUp: t - span / 10,
      PageDown: t + span / 10,
    };
    const next = to[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onSeek(Math.round(Math.max(0, Math.min(span, next))));
  };

  const cx = x(t);
  const fault = hoverFault !== null ? faults[hoverFault] : undefined;
  return (
    <div
      ref={box}
      className="tl"
      role="slider"
      tabIndex={0}
      aria-label="Virtual time"
      aria-valuemin={0}
      aria-valuemax={span}
      aria-valuenow={Math.round(t)}
      aria-valuetext={`${formatMs(t)} of ${formatMs(span)}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
    >
      <svg width={width} height={HEIGHT} aria-hidden="true">
        <rect
          className="tl-track"
          x={PAD_X}
          y={yStrip}
          width={Math.max(0, width - 2 * PAD_X)}
          height={H.strip}
          rx={4}
        />
        <rect
          className="tl-reached"
          x={PAD_X}
          y={yStrip}
          width={Math.max(0, x(reachedMs) - PAD_X)}
          height={H.strip}
          rx={4}
        />
        <DensityAndAxis buckets={buckets} width={width} span={span} />
        <g className="tl-faults">
          {faults.map((f, i) => (
            <g
              key={`${f.at}-${i}`}
              transform={`translate(${x(f.at)},0)`}
              className={i === hoverFault ? 'is-hot' : undefined}
              onPointerEnter={() => setHoverFault(i)}
              onPointerLeave={() => setHoverFault(null)}
            >
              <line y1={H.faults - 4} y2={yStrip + H.strip} />
              <path d="M-5,3L5,3L0,12Z" />
              <title>{`${formatMs(f.at)}: ${f.label}`}</title>
            </g>
          ))}
        </g>
        <g className="tl-cursor" transform={`translate(${cx},0)`}>
          <line y1={H.faults - 2} y2={yStrip + H.strip + 2} />
          <circle cy={yStrip + H.strip / 2} r={6} />
        </g>
      </svg>
      {fault && (
        <div
          className="tl-tip"
          style={{ left: Math.min(Math.max(0, x(fault.at) - 80), Math.max(0, width - 160)) }}
        >
          <strong>{formatMs(fault.at)}</strong> {fault.label}
        </div>
      )}
    </div>
  );
}

/** Virtual time to x on a track `width` wide. */
function trackScale(width: number, span: number) {
  return scaleLinear()
    .domain([0, span])
    .range([PAD_X, Math.max(PAD_X + 1, width - PAD_X)])
    .clamp(true);
}

/**
 * The density bars and the time axis: hundreds of elements that change only when the trace grows or the
 * track resizes, not when the cursor moves (every frame while playing), so they skip those renders.
 */
const DensityAndAxis = memo(function DensityAndAxis(props: {
  buckets: readonly Bucket[];
  width: number;
  span: number;
}) {
  const { buckets, width, span } = props;
  const x = trackScale(width, span);
  const peak = Math.max(1, max(buckets, (b) => b.sends) ?? 1);
  const barW = Math.max(1, (width - 2 * PAD_X) / buckets.length - 1);
  const yStrip = H.faults;
  const bar = (v: number) => Math.max(v > 0 ? 1.5 : 0, (Math.sqrt(v) / Math.sqrt(peak)) * (H.strip - 4));
  return (
    <>
      <g className="tl-density">
        {buckets.map((b, i) => {
          const bx = x(b.t0);
          const hs = bar(b.sends);
          const hd = bar(b.drops);
          return (
            <g key={i}>
              {hs > 0 && (
                <rect className="tl-sends" x={bx} y={yStrip + H.strip - 2 - hs} width={barW} height={hs} />
              )}
              {hd > 0 && (
                <rect className="tl-drops" x={bx} y={yStrip + H.strip - 2 - hd} width={barW} height={hd} />
              )}
            </g>
          );
        })}
      </g>
      <g className="tl-axis" transform={`translate(0,${yStrip + H.strip})`}>
        {x.ticks(Math.max(2, Math.floor(width / 90))).map((v) => (
          <g key={v} transform={`translate(${x(v)},0)`}>
            <line y2={4} />
            <text y={14} textAnchor="middle">
              {formatMs(v, axisInSeconds(span))}
            </text>
          </g>
        ))}
      </g>
    </>
  );
});
