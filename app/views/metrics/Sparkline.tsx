/** A word-sized line chart of one metric over virtual time, with its latest value. */
import { memo } from 'react';
import { curveStepAfter, extent, line, scaleLinear } from 'd3';
import type { MetricPoint } from '../../trace';
import './metrics.css';

export interface SparklineProps {
  points: readonly MetricPoint[];
  width?: number;
  height?: number;
  /** Time domain; defaults to the points' own extent. Pass [0, view.t] to line several up. */
  domain?: [number, number];
  colour?: string;
  label?: string;
}

export const Sparkline = memo(function Sparkline({
  points,
  width = 120,
  height = 28,
  domain,
  colour = 'var(--accent)',
  label,
}: SparklineProps) {
  const last = points[points.length - 1];
  const [t0, t1] = domain ?? (extent(points, (p) => p.t) as [number, number] | [undefined, undefined]);
  const [v0, v1] = extent(points, (p) => p.value);
  const x = scaleLinear()
    .domain([t0 ?? 0, Math.max((t1 ?? 0) + 1e-9, (t0 ?? 0) + 1)])
    .range([1, width - 3]);
  const lo = v0 ?? 0;
  const hi = v1 ?? 1;
  const y = scaleLinear()
    .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .range([height - 2, 2]);
  // A step line: a metric holds its value until the next report.
  const d = line<MetricPoint>()
    .curve(curveStepAfter)
    .x((p) => x(p.t))
    .y((p) => y(p.value));
  const path =
    d(points.length === 1 && last ? [last, { t: t1 ?? last.t, value: last.value }] : [...points]) ?? '';
  return (
    <span
      className="spark"
      aria-label={label ? `${label}: ${last ? fmt(last.value) : 'no data'}` : undefined}
      role="img"
    >
      <svg width={width} height={height} aria-hidden="true">
        <path d={path} style={{ stroke: colour }} className="spark-line" />
        {last && <circle cx={x(last.t)} cy={y(last.value)} r={2.2} style={{ fill: colour }} />}
      </svg>
      {last && <span className="spark-value">{fmt(last.value)}</span>}
    </span>
  );
});

export function fmt(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2);
}
