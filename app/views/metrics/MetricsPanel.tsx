/**
 * Metrics over virtual time up to the cursor, one small chart each, a line per node (or role) in its role
 * colour: the scenario's own metrics, then the built-ins every run has (request latency, throughput, errors,
 * messages per request: app/trace/builtinMetrics.ts), per role or per node.
 */
import { memo, useMemo, useState } from 'react';
import { curveStepAfter, extent, line, scaleLinear } from 'd3';
import type { MetricPoint, RunView, TraceEvent } from '../../trace';
import { bucketFor, builtinMetrics, type MetricsGrouping } from '../../trace/builtinMetrics';
import { fmt } from './Sparkline';
import './metrics.css';

export interface MetricsPanelProps {
  view: RunView;
  /** The run's trace so far (the built-ins fold it up to `view.eventIndex`). */
  events: readonly TraceEvent[];
  /** The run's length (virtual ms): sets the built-ins' bucket. */
  duration: number;
  /** Metric names to chart, in order (the scenario's `metrics`). */
  metrics: string[];
  /** Role order for colours (as given to NetworkGraph); roles not listed follow in node order. */
  roles?: string[];
}

const W = 260;
const H = 72;

export function MetricsPanel({ view, events, duration, metrics, roles = [] }: MetricsPanelProps) {
  const [grouping, setGrouping] = useState<MetricsGrouping>('role');
  const order = [...roles];
  for (const n of view.nodes) if (!order.includes(n.role)) order.push(n.role);
  const count = view.eventIndex;
  const builtins = useMemo(
    () => builtinMetrics(events, grouping, bucketFor(duration), count),
    // `events` grows in place during a run: `count` (the cursor's event index) says when to fold again.
    [events, grouping, duration, count],
  );
  return (
    <div className="mp-panel">
      {metrics.length > 0 && (
        <section aria-label="This scenario's metrics">
          <h3 className="mp-heading">This scenario's metrics</h3>
          <div className="mp">
            {metrics.map((name) => {
              const series = view.nodes
                .map((n) => ({ label: n.id, role: order.indexOf(n.role), points: n.metrics[name] ?? [] }))
                .filter((s) => s.points.length > 0);
              return <MetricChart key={name} name={name} series={series} t={view.t} />;
            })}
          </div>
        </section>
      )}
      <section aria-label="Built-in metrics" data-testid="builtin-metrics">
        <h3 className="mp-heading">
          Built-in metrics
          <span className="mp-grouping" role="group" aria-label="Group by">
            {(['role', 'node'] as const).map((g) => (
              <button
                key={g}
                type="button"
                aria-pressed={grouping === g}
                onClick={() => setGrouping(g)}
                data-testid={`metrics-by-${g}`}
              >
                per {g}
              </button>
            ))}
          </span>
        </h3>
        <div className="mp">
          {builtins.map((metric) => (
            <MetricChart
              key={metric.name}
              name={metric.name}
              unit={metric.unit}
              series={metric.series.map((s) => ({
                label: s.group,
                role: order.indexOf(s.role),
                points: s.points,
              }))}
              t={view.t}
            />
          ))}
        </div>
      </section>
    </div>
  );
}

interface ChartProps {
  name: string;
  /** Shown beside the name (the built-ins say what a point counts). */
  unit?: string;
  series: { label: string; role: number; points: MetricPoint[] }[];
  t: number;
}

const MetricChart = memo(function MetricChart({ name, unit, series, t }: ChartProps) {
  const all = series.flatMap((s) => s.points);
  const [lo = 0, hi = 1] = extent(all, (p) => p.value);
  const x = scaleLinear()
    .domain([0, Math.max(t, 1)])
    .range([4, W - 4]);
  const y = scaleLinear()
    .domain(lo === hi ? [lo - 1, hi + 1] : [Math.min(0, lo), hi])
    .nice(3)
    .range([H - 6, 12]);
  const d = line<MetricPoint>()
    .curve(curveStepAfter)
    .x((p) => x(p.t))
    .y((p) => y(p.value));
  return (
    <figure className="mp-chart">
      <figcaption>
        <code>{name}</code>
        {unit && <span className="mp-unit">{unit}</span>}
        <span className="mp-latest">
          {series.slice(0, 4).map((s) => {
            const last = s.points[s.points.length - 1];
            return (
              <span key={s.label} title={s.label}>
                <i style={{ background: `var(--role-${Math.max(0, s.role) % 8})` }} />
                {s.label} {last ? fmt(last.value) : ''}
              </span>
            );
          })}
          {series.length > 4 && <span>+{series.length - 4}</span>}
        </span>
      </figcaption>
      {series.length === 0 ? (
        <p className="mp-empty">No data yet.</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${name} over time`}>
          {y.ticks(3).map((v) => (
            <g key={v} className="mp-grid">
              <line x1={4} x2={W - 4} y1={y(v)} y2={y(v)} />
              <text x={W - 4} y={y(v) - 2} textAnchor="end">
                {fmt(v)}
              </text>
            </g>
          ))}
          {series.map((s) => (
            <path
              key={s.label}
              className="mp-line"
              d={d(extendTo(s.points, t)) ?? ''}
              style={{ stroke: `var(--role-${Math.max(0, s.role) % 8})` }}
              vectorEffect="non-scaling-stroke"
            />
          ))}
        </svg>
      )}
    </figure>
  );
});

/** Carry the last value to the cursor, so a quiet node's line does not end early. */
function extendTo(points: MetricPoint[], t: number): MetricPoint[] {
  const last = points[points.length - 1];
  return last && last.t < t ? [...points, { t, value: last.value }] : points;
}
