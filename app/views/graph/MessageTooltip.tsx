/** What a hovered message is: type, route, timing, fate and a truncated body. */
import { formatMs } from '../../format/time';
import type { Placed } from './placeMessages';

interface Props {
  placed: Placed;
  /** Pointer position inside the graph (px). */
  x: number;
  y: number;
  width: number;
  colour: string;
}

const BODY_CHARS = 160;

export function MessageTooltip({ placed, x, y, width, colour }: Props) {
  const m = placed.m;
  const body = JSON.stringify(m.body) ?? 'undefined';
  const fate =
    m.fate === 'dropped'
      ? `dropped (${m.dropReason ?? 'unknown'})`
      : m.fate === 'delivered'
        ? 'delivered'
        : m.arriveAt === null
          ? 'in flight'
          : `in flight, lands at ${formatMs(m.arriveAt)}`;
  // Flip to the left near the right edge so the tip never leaves the pane.
  const left = x + 14 + 260 > width ? Math.max(4, x - 14 - 260) : x + 14;
  return (
    <div className="ng-tip" role="tooltip" style={{ left, top: y + 12 }}>
      <div className="ng-tip-head">
        <span className="ng-swatch" style={{ background: colour }} />
        <code>{m.type}</code>
        {m.duplicate && <span className="ng-tip-tag">copy {m.copy + 1}</span>}
      </div>
      <div className="ng-tip-route">
        {m.from} → {m.to}
      </div>
      <div className="ng-tip-meta">
        sent {formatMs(m.sentAt)} · {fate}
      </div>
      <pre className="ng-tip-body">{body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS)}…` : body}</pre>
    </div>
  );
}
