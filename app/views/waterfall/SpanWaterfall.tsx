/**
 * One trace as a waterfall: a row per span (a call), indented by its depth in the tree, its bar from the
 * caller's send to the reply reaching the caller, a tick where the callee got it. Bars take their message
 * type's colour (theme.css's --type-k, in first-sent order like every view). A click seeks the run there.
 */
import { scaleLinear } from 'd3';
import { formatMs } from '../../format/time';
import { duration, type Span, type TraceTree } from '../../trace/spans';
import { TRACE_WORDS } from '../../ui/labels';
import { TYPE_COLOURS } from '../graph/usePalette';

interface Props {
  tree: TraceTree;
  /** The width to draw at (the pane's): text stays its size, never scaled down with the drawing. */
  width: number;
  /** The cursor: an open span's bar runs to it. */
  t: number;
  messageTypes: readonly string[];
  onSeek(t: number): void;
}

const ROW = 22;
/** Room after the longest bar for its figure ("1012.4 ms no answer"). */
const FIGURE = 84;
const AXIS = 18;

const typeVar = (types: readonly string[], type: string) =>
  `var(--type-${Math.max(0, types.indexOf(type)) % TYPE_COLOURS})`;

function spanTitle(s: Span): string {
  const took = s.end === undefined ? TRACE_WORDS.noAnswer : formatMs(s.end - s.start);
  return `${s.from} → ${s.to} ${s.type} ${took}${s.error ? ` ${TRACE_WORDS.error}` : ''}, span ${s.spanId}${s.parentSpanId ? ` of ${s.parentSpanId}` : ''}`;
}

export function SpanWaterfall({ tree, width, t, messageTypes, onSeek }: Props) {
  const WIDTH = Math.max(320, width);
  // The names column gives way on a narrow pane (1280 px wide windows), the bars keep half of it at least.
  const LABEL = Math.round(Math.min(230, Math.max(185, WIDTH * 0.45)));
  const last = tree.end ?? Math.max(t, ...tree.spans.map((s) => s.end ?? s.start));
  const x = scaleLinear()
    .domain([tree.start, Math.max(last, tree.start + 1)])
    .range([LABEL, WIDTH - FIGURE]);
  const ticks = x.ticks(Math.max(1, Math.floor((WIDTH - LABEL - FIGURE) / 110)));
  const height = AXIS + tree.spans.length * ROW + 4;
  const took = duration(tree);
  return (
    <svg
      className="wf-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      aria-label={`Trace ${tree.traceId}: ${tree.spans.length} spans${took !== undefined ? `, ${formatMs(took)}` : ''}`}
      data-testid="waterfall"
    >
      {ticks.map((v) => (
        <g key={v} transform={`translate(${x(v)},0)`}>
          <line className="wf-grid" y1={AXIS - 4} y2={height} />
          <text className="wf-axis" y={AXIS - 7} textAnchor="middle">
            +{formatMs(v - tree.start)}
          </text>
        </g>
      ))}
      {tree.spans.map((s, i) => {
        const y = AXIS + i * ROW;
        const end = s.end ?? Math.max(t, s.start);
        const w = Math.max(2, x(end) - x(s.start));
        return (
          <g
            key={`${s.messageId}`}
            className={`wf-row${s.end === undefined ? ' is-open' : ''}${s.error ? ' is-error' : ''}`}
            transform={`translate(0,${y})`}
            onClick={() => onSeek(s.start)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSeek(s.start);
              }
            }}
            role="button"
            tabIndex={0}
            aria-label={`${spanTitle(s)}. Seek there.`}
            data-testid="waterfall-span"
          >
            <title>{spanTitle(s)}</title>
            <rect className="wf-hit" x={0} y={0} width={WIDTH} height={ROW} />
            <text className="wf-label" x={6 + s.depth * 14} y={ROW / 2 + 4}>
              {/* The trailing space keeps the visible text (label, then figure) inside the accessible name. */}
              {s.from} → {s.to} <tspan className="wf-type">{s.type}</tspan>{' '}
            </text>
            <rect
              className="wf-bar"
              x={x(s.start)}
              y={5}
              width={w}
              height={ROW - 10}
              rx={2}
              style={{ fill: typeVar(messageTypes, s.type) }}
            />
            {s.arrived !== undefined && (
              <line className="wf-arrived" x1={x(s.arrived)} x2={x(s.arrived)} y1={3} y2={ROW - 3} />
            )}
            <text className="wf-took" x={x(s.start) + w + 4} y={ROW / 2 + 4}>
              {s.end === undefined ? TRACE_WORDS.noAnswer : formatMs(s.end - s.start)}
              {s.error ? ` ${TRACE_WORDS.error}` : ''}
            </text>
          </g>
        );
      })}
      {t >= tree.start && t <= last && (
        <line className="wf-cursor" x1={x(t)} x2={x(t)} y1={AXIS - 4} y2={height} />
      )}
    </svg>
  );
}
