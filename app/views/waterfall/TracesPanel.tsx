/**
 * The Traces tab: the run's traces (spans from messages with a trace context, `trace/spans.ts`) as they
 * stand at the cursor, a list to pick one (the slowest tenth marked, "slow only" to keep those), and the
 * picked trace as a waterfall. Until the learner picks, the slowest trace so far is shown.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useElementSize } from '../graph/useElementSize';
import type { TraceEvent } from '../../../workers/kernel/protocol';
import { formatMs } from '../../format/time';
import { duration, slowTraces, traceTrees, treesAt, type TraceTree } from '../../trace/spans';
import { TRACE_WORDS } from '../../ui/labels';
import { SpanWaterfall } from './SpanWaterfall';
import './waterfall.css';

interface Props {
  events: readonly TraceEvent[];
  t: number;
  messageTypes: readonly string[];
  onSeek(t: number): void;
}

const rootOf = (tree: TraceTree) => tree.spans[0];

function slowest(trees: readonly TraceTree[]): TraceTree | undefined {
  let best: TraceTree | undefined;
  for (const tree of trees) if ((duration(tree) ?? -1) > (best ? (duration(best) ?? -1) : -1)) best = tree;
  return best ?? trees.at(-1);
}

export function TracesPanel({ events, t, messageTypes, onSeek }: Props) {
  const count = events.length;
  // The trace only grows while a run lasts (and is replaced by a new run): its length stands for it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const all = useMemo(() => traceTrees(events), [events, count]);
  const trees = useMemo(() => treesAt(all, t), [all, t]);
  const slow = useMemo(() => slowTraces(trees), [trees]);
  const [picked, setPicked] = useState<string>();
  const [slowOnly, setSlowOnly] = useState(false);
  const listed = slowOnly ? trees.filter((tr) => slow.has(tr.traceId)) : trees;
  const shown = trees.find((tr) => tr.traceId === picked) ?? slowest(trees);

  if (trees.length === 0)
    return (
      <p className="wf-empty" data-testid="traces-empty">
        {TRACE_WORDS.none}
      </p>
    );
  return (
    <div className="wf" data-testid="traces">
      <div className="wf-list-pane">
        <label className="wf-filter">
          <input type="checkbox" checked={slowOnly} onChange={(e) => setSlowOnly(e.target.checked)} />{' '}
          {TRACE_WORDS.slowOnly} ({slow.size})
        </label>
        <ul className="wf-list" aria-label={TRACE_WORDS.list}>
          {listed.map((tree) => {
            const d = duration(tree);
            const root = rootOf(tree);
            const isSlow = slow.has(tree.traceId);
            return (
              <li key={tree.traceId}>
                <button
                  type="button"
                  className={`wf-item${isSlow ? ' is-slow' : ''}${tree.problems.length ? ' is-broken' : ''}`}
                  aria-pressed={tree === shown}
                  onClick={() => setPicked(tree.traceId)}
                  data-testid="trace-item"
                  data-trace-id={tree.traceId}
                >
                  <span className="wf-item-id">{tree.traceId.slice(0, 8)}</span>
                  <span className="wf-item-root">{root ? `${root.type} · ${tree.spans.length}` : ''}</span>
                  <span className="wf-item-took">{d === undefined ? TRACE_WORDS.open : formatMs(d)}</span>
                  {isSlow && (
                    <span className="wf-slow" title={TRACE_WORDS.slowMeaning}>
                      {TRACE_WORDS.slow}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <TraceDetail tree={shown} slow={shown !== undefined && slow.has(shown.traceId)}>
        {(width) =>
          shown && (
            <SpanWaterfall tree={shown} width={width} t={t} messageTypes={messageTypes} onSeek={onSeek} />
          )
        }
      </TraceDetail>
    </div>
  );
}

/** The picked trace: its id, duration and tree problems, and the waterfall at the pane's width. */
function TraceDetail({
  tree,
  slow,
  children,
}: {
  tree: TraceTree | undefined;
  slow: boolean;
  children(width: number): ReactNode;
}) {
  const pane = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(pane);
  const took = tree && duration(tree);
  return (
    <div className="wf-detail" ref={pane} data-testid="trace-detail">
      {tree && (
        <>
          <p className="wf-head">
            <strong>Trace {tree.traceId}</strong> {took !== undefined ? formatMs(took) : TRACE_WORDS.open}
            {slow && <span className="wf-slow">{TRACE_WORDS.slow}</span>}
            <span className={tree.problems.length ? 'wf-problems' : 'wf-ok'} data-testid="trace-problems">
              {tree.problems.length ? tree.problems.join('; ') : TRACE_WORDS.oneTree}
            </span>
          </p>
          {width > 0 && children(width - 24)}
        </>
      )}
    </div>
  );
}
