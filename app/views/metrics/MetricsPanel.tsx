/**
 * The scenario's metrics across nodes: one small chart per metric, a line per node in its role colour,
 * over virtual time up to the cursor.
 */
import { memo } from 'react';
import { curveStepAfter, extent, line, scaleLinear } from 'd3';
import type { MetricPoint, RunView } from '../../trace';
import { fmt } from './Sparkline';
import './metrics.css';

export interface MetricsPanelProps {
  view: RunView;
  /** Metric names to chart, in order (the scenario's `metrics`). */
  metrics: string[];
  /** Role order for colours (as given to NetworkGraph); roles not listed follow in node order. */
  roles?: string[];
}

const W = 260;
const H = 72;

export function MetricsPanel({ view, metrics, roles = [] }: MetricsPanelProps) {
  const order = [...roles];
  for (const n of view.nodes) if (!order.includes(n.role)) order.push(n.role);
  if (metrics.length === 0) return <p className="mp-empty">This scenario charts no metrics.</p>;
  return (
    <div className="mp">
      {metrics.map((name) => {
        const series = view.nodes
          .map((n) => ({ node: n.id, role: order.indexOf(n.role), points: n.metrics[name] ?? [] }))
          .filter((s) => s.points.length > 0);
        return <MetricChart key={name} name={name} series={series} t={view.t} />;
      })}
    </div>
  );
}

interface ChartProps {
  name: string;
  series: { node: string; role: number; points: MetricPoint[] }[];
  t: number;
}

const MetricChart = memo(function MetricChart({ name, series, t }: ChartProps) {
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
        <span className="mp-latest">
          {series.slice(0, 4).map((s) => {
            const last = s.points[s.points.length - 1];
            return (
              <span key={s.node} title={s.node}>
                <i style={{ background: `var(--role-${Math.max(0, s.role) % 8})` }} />
                {s.node} {last ? fmt(last.value) : ''}
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
              key={s.node}
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
