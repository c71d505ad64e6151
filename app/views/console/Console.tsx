/**
 * Every node's log lines up to the cursor, `t  node  text` in fixed columns, coloured by level, with node filter chips.
 * Sticks to the bottom as lines arrive unless the reader scrolled up. Keeps the last 2000 lines shown, and
 * the browser skips laying out lines off screen (content-visibility), so it stays fast on long runs.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatMs } from '../../format/time';
import type { NodeId, RunView } from '../../trace';
import './console.css';

export interface ConsoleProps {
  logs: RunView['logs'];
  /** Errors, merged into the stream with their file:line. */
  errors?: RunView['errors'];
  /** Show only this node at first (the reader can change it with the chips). */
  filter?: NodeId;
  /** Lines kept (newest). */
  cap?: number;
}

interface Line {
  key: number;
  t: number;
  node: NodeId;
  level: 'info' | 'warn' | 'error';
  text: string;
  where?: string;
}

// Memoised: the page re-renders every frame while a run plays, and the lines only change when the logs do.
export const Console = memo(function Console({ logs, errors = NO_ERRORS, filter, cap = 2000 }: ConsoleProps) {
  const [only, setOnly] = useState<NodeId | null>(filter ?? null);
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const [prevFilter, setPrevFilter] = useState(filter);
  if (prevFilter !== filter) {
    // A new filter from the host (another node selected) wins over the reader's chip choice.
    setPrevFilter(filter);
    setOnly(filter ?? null);
  }

  const nodes = useMemo(() => {
    const seen = new Set<NodeId>();
    for (const l of logs) seen.add(l.node);
    for (const e of errors) seen.add(e.node);
    return [...seen].sort();
  }, [logs, errors]);

  const lines = useMemo(() => merge(logs, errors, only, cap), [logs, errors, only, cap]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }, [lines, follow]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
    if (atBottom !== follow) setFollow(atBottom);
  };

  return (
    <section className="cn" aria-label="Console">
      <div className="cn-chips" role="toolbar" aria-label="Filter by node">
        <Chip active={only === null} onClick={() => setOnly(null)}>
          All nodes
        </Chip>
        {nodes.map((n) => (
          <Chip key={n} active={only === n} onClick={() => setOnly(only === n ? null : n)}>
            {n}
          </Chip>
        ))}
      </div>
      <div ref={scroller} className="cn-lines" onScroll={onScroll} role="log" aria-live="off">
        {lines.length === 0 ? (
          <p className="cn-empty">No log lines yet{only ? ` from ${only}` : ''}.</p>
        ) : (
          lines.map((l) => <LineRow key={l.key} line={l} />)
        )}
      </div>
      {!follow && (
        <button type="button" className="cn-jump" onClick={() => setFollow(true)}>
          ↓ Latest
        </button>
      )}
    </section>
  );
});

const NO_ERRORS: RunView['errors'] = [];

function Chip({ active, onClick, children }: { active: boolean; onClick: () => void; children: string }) {
  return (
    <button
      type="button"
      className={`cn-chip${active ? ' is-active' : ''}`}
      aria-pressed={active}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

const LineRow = memo(function LineRow({ line }: { line: Line }) {
  return (
    <div className={`cn-line is-${line.level}`}>
      <span className="cn-t" title={`${line.t} ms`}>
        {formatMs(line.t)}
      </span>
      <span className="cn-node" title={line.node}>
        {line.node}
      </span>
      <span className="cn-text">
        {line.where && <code className="cn-where">{line.where}</code>}
        {line.text}
      </span>
    </div>
  );
});

/** Logs and errors in time order (both are in trace order already: a merge, not a sort), capped. */
function merge(logs: RunView['logs'], errors: RunView['errors'], only: NodeId | null, cap: number): Line[] {
  const out: Line[] = [];
  // Walk from the end so the cap costs O(cap), not O(all lines).
  let i = logs.length - 1;
  let j = errors.length - 1;
  while (out.length < cap && (i >= 0 || j >= 0)) {
    const l = logs[i];
    const e = errors[j];
    if (l && (!e || l.t >= e.t)) {
      if (!only || l.node === only) out.push({ key: i, t: l.t, node: l.node, level: l.level, text: l.text });
      i--;
    } else if (e) {
      if (!only || e.node === only) {
        const where = e.where ? `${e.where.file}:${e.where.line}` : undefined;
        out.push({
          key: -1 - j,
          t: e.t,
          node: e.node,
          level: 'error',
          text: e.message,
          ...(where ? { where } : {}),
        });
      }
      j--;
    }
  }
  return out.reverse();
}
