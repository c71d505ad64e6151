/**
 * One node: a focusable button in its role's colour, with its status drawn on it (crashed: grey with an X
 * and a red ring; paused: dimmed with a pause glyph; stopped: faded), its name, and an error badge.
 * Memoised: during playback most nodes do not change from frame to frame.
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { formatOffsetMs } from '../../format/time';
import type { NodeStatus } from '../../trace';

interface Props {
  id: string;
  role: string;
  status: NodeStatus;
  x: number;
  y: number;
  r: number;
  colour: string;
  errors: number;
  /** Why it crashed and, when known, the file:line it was stuck at. */
  crash?: { reason: string; where?: string } | undefined;
  selected: boolean;
  clockOffset: number;
  labelBelow: boolean;
  onActivate?: (id: string, anchor: DOMRect) => void;
}

export const GraphNode = memo(function GraphNode(p: Props) {
  const { id, role, status, x, y, r } = p;
  const activate = (el: Element) => p.onActivate?.(id, el.getBoundingClientRect());
  const onClick = (e: MouseEvent<SVGGElement>) => activate(e.currentTarget);
  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(e.currentTarget);
    }
  };
  const who = id === role ? id : `${id} (${role})`;
  const errs = p.errors > 0 ? `, ${p.errors} error${p.errors === 1 ? '' : 's'}` : '';
  const why = p.crash ? ` (${p.crash.reason}${p.crash.where ? ` at ${p.crash.where}` : ''})` : '';
  // The clock offset is drawn beside the name, so the name says it right after (the visible text is in the name).
  const skew = p.clockOffset !== 0 ? ` ${formatOffsetMs(p.clockOffset)}` : '';
  const label = `${who}${skew}, ${status}${why}${errs}${p.onActivate ? ', click for faults' : ''}`;
  const g = r * 0.36;
  return (
    <g
      className={`ng-node is-${status}${p.selected ? ' is-selected' : ''}`}
      transform={`translate(${x},${y})`}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={p.selected}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <title>{label}</title>
      <circle className="ng-node-focus" r={r + 6} />
      {p.selected && <circle className="ng-node-selected" r={r + 4} />}
      <circle className="ng-node-body" r={r} style={{ fill: status === 'crashed' ? undefined : p.colour }} />
      {status === 'crashed' && (
        <path className="ng-node-glyph" d={`M${-g},${-g}L${g},${g}M${g},${-g}L${-g},${g}`} />
      )}
      {status === 'paused' && (
        <path className="ng-node-glyph" d={`M${-g * 0.45},${-g}V${g}M${g * 0.45},${-g}V${g}`} />
      )}
      <text className="ng-node-label" y={p.labelBelow ? r + 13 : -r - 7} textAnchor="middle">
        {id}
      </text>
      {p.crash?.where && (
        <text className="ng-node-where" y={p.labelBelow ? r + 26 : r + 14} textAnchor="middle">
          stuck at {p.crash.where}
        </text>
      )}
      {p.clockOffset !== 0 && (
        <text className="ng-node-skew" x={r + 3} y={r + 2}>
          {formatOffsetMs(p.clockOffset)}
        </text>
      )}
      {p.errors > 0 && (
        <g className="ng-node-badge" transform={`translate(${r * 0.75},${-r * 0.75})`}>
          <circle r={7} />
          <text textAnchor="middle" dy="0.35em">
            {p.errors > 9 ? '9+' : p.errors}
          </text>
        </g>
      )}
    </g>
  );
});
