/**
 * The lifelines' heads: one button per node above its lane (select it, as in the graph), marked while the
 * node is down or paused at the cursor, so the header reads as the system's state at t.
 */
import { memo } from 'react';
import type { NodeId } from '../../../workers/kernel/protocol';
import { GUTTER, PAD_RIGHT, type Lane } from './spacetime-geometry';
import type { Span } from './spacetime-model';

interface Props {
  lanes: readonly Lane[];
  width: number;
  t: number;
  down: readonly Span[];
  paused: readonly Span[];
  /** The model's version: `down` and `paused` grow in place, so this is what tells memo they changed. */
  version: number;
  selected?: NodeId;
  onSelectNode?(id: NodeId): void;
}

const within = (s: Span, t: number) => s.t0 <= t && (s.t1 === null || s.t1 > t);

export const SpaceTimeLanes = memo(function SpaceTimeLanes(props: Props) {
  const { lanes, width, t, down, paused, selected, onSelectNode } = props;
  const step = (width - GUTTER - PAD_RIGHT) / Math.max(1, lanes.length);
  return (
    <div className="st-lanes" role="group" aria-label="Nodes">
      <span className="st-lanes-axis" style={{ width: GUTTER - 8 }}>
        time ↓
      </span>
      {lanes.map((l) => {
        if (l.born > t) return null;
        const isDown = down.find((s) => s.node === l.id && within(s, t));
        const isPaused = paused.some((s) => s.node === l.id && within(s, t));
        const state = isDown ? (isDown.why === 'stopped' ? 'stopped' : 'crashed') : isPaused ? 'paused' : '';
        const cls = `st-lane${l.id === selected ? ' is-selected' : ''}${state ? ` is-${state}` : ''}`;
        return (
          <button
            key={l.id}
            type="button"
            className={cls}
            style={{ left: l.x, maxWidth: Math.max(24, step - 6) }}
            title={`${l.id} (${l.role})${state ? `: ${state}` : ''}`}
            aria-pressed={l.id === selected}
            onClick={() => onSelectNode?.(l.id)}
          >
            <span className="st-lane-dot" style={{ background: `var(--role-${l.roleIndex % 8})` }} />
            <span className="st-lane-name">{l.id}</span>
          </button>
        );
      })}
    </div>
  );
});
