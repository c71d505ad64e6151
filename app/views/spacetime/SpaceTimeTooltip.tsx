/** What the pointer is over: a message (type, route, times, fate, body) or a mark (log, error, timer, fault). */
import { formatMs } from '../../format/time';
import type { Arrow, Mark } from './spacetime-model';

const BODY_CHARS = 160;
const WIDTH = 250;

interface Props {
  arrow?: Arrow;
  mark?: Mark;
  /** The cursor: a message landing after it is still in flight. */
  t: number;
  colour: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export function SpaceTimeTooltip({ arrow, mark, t, colour, x, y, width, height }: Props) {
  // Flip left near the right edge and up near the bottom, so the tip never leaves the pane.
  const left = x + 14 + WIDTH > width ? Math.max(4, x - 14 - WIDTH) : x + 14;
  const style = y > height * 0.6 ? { left, bottom: height - y + 12 } : { left, top: y + 12 };
  return (
    <div className="st-tip" role="tooltip" style={style}>
      {arrow && <ArrowTip a={arrow} t={t} colour={colour} />}
      {mark && <MarkTip m={mark} />}
    </div>
  );
}

function ArrowTip({ a, t, colour }: { a: Arrow; t: number; colour: string }) {
  const body = JSON.stringify(a.body) ?? 'undefined';
  const ended = a.t1 !== null && a.t1 <= t;
  const fate =
    !ended || a.t1 === null
      ? a.t1 === null
        ? 'in flight'
        : `in flight, lands at ${formatMs(a.t1)}`
      : a.fate === 'dropped'
        ? `${a.t1 <= a.t0 ? 'dropped at send' : `dropped at ${formatMs(a.t1)}`} (${a.reason ?? 'unknown'})`
        : `arrived ${formatMs(a.t1)} · took ${formatMs(a.t1 - a.t0)}`;
  return (
    <>
      <div className="st-tip-head">
        <span className="st-swatch" style={{ background: colour }} />
        <code>{a.type}</code>
        {a.copy > 0 && <span className="st-tip-tag">copy {a.copy + 1}</span>}
      </div>
      <div className="st-tip-route">
        {a.from} → {a.to}
      </div>
      <div className={`st-tip-meta${ended && a.fate === 'dropped' ? ' is-drop' : ''}`}>
        sent {formatMs(a.t0)} · {fate}
      </div>
      <pre className="st-tip-body">{body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS)}…` : body}</pre>
    </>
  );
}

const TITLES: Record<Mark['kind'], string> = {
  timer: 'timer',
  log: 'log',
  error: 'error',
  crash: 'crashed',
  restart: 'restarted',
  pause: 'paused',
  resume: 'resumed',
  stop: 'stopped',
};

function MarkTip({ m }: { m: Mark }) {
  const title = m.kind === 'log' && m.level && m.level !== 'info' ? `log (${m.level})` : TITLES[m.kind];
  return (
    <>
      <div className={`st-tip-head is-${m.kind}`}>
        {title} <span className="st-tip-at">{m.node}</span>
      </div>
      <div className="st-tip-meta">at {formatMs(m.t)}</div>
      {m.text !== '' && m.kind !== 'pause' && m.kind !== 'resume' && (
        <pre className="st-tip-body">
          {m.text.length > BODY_CHARS ? `${m.text.slice(0, BODY_CHARS)}…` : m.text}
        </pre>
      )}
    </>
  );
}
