/**
 * Compare: after an edit, the rerun of the same seed against the run before it. Says whether the edit
 * changed anything yet, and if so where the runs first part, with a way to jump there.
 */
import type { TraceEvent } from '../../workers/kernel/protocol';
import { formatMs } from '../format/time';
import type { Divergence } from '../trace/divergence';

function describe(e: TraceEvent | undefined): string {
  if (!e) return 'nothing (the run had ended)';
  switch (e.kind) {
    case 'send':
      return `${e.message.from} sends ${e.message.type} to ${e.message.to}`;
    case 'deliver':
    case 'drop':
      return `${e.kind === 'deliver' ? 'a delivery' : 'a drop'} at ${formatMs(e.t)}`;
    case 'log':
      return `${e.node} logs “${e.text.length > 60 ? `${e.text.slice(0, 57)}…` : e.text}”`;
    default:
      return 'node' in e ? `${e.kind} on ${e.node}` : e.kind;
  }
}

interface Props {
  divergence: Divergence | undefined;
  /** Compared with the run before an edit, or with the branch this run forked from (a fault in the past). */
  against?: 'edit' | 'branch' | undefined;
  finished: boolean;
  onSeek(t: number): void;
}

export function CompareLine({ divergence, against = 'edit', finished, onSeek }: Props) {
  if (!divergence) return null;
  const branch = against === 'branch';
  if (divergence.kind === 'same') {
    const before = branch ? 'the branch you left' : 'the run before your edit';
    return (
      <p className="compare-line" data-testid="compare" data-kind="same" data-against={against}>
        {divergence.until !== undefined
          ? `Same as ${before} up to ${formatMs(divergence.until)}, where it stopped: past that there is nothing to compare with.`
          : branch
            ? 'Same as the branch you left, so far.'
            : finished
              ? 'Your edit changed nothing in this run: the trace is the same as before it.'
              : 'Same as the run before your edit, so far.'}
      </p>
    );
  }
  return (
    <p
      className="compare-line differs"
      data-testid="compare"
      data-kind="differs"
      data-against={against}
      data-at={divergence.t}
    >
      Differs from {branch ? 'the branch you left' : 'the run before your edit'} from{' '}
      <strong>{formatMs(divergence.t)}</strong>: now {describe(divergence.now)}, before{' '}
      {describe(divergence.was)}.{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => onSeek(divergence.t)}
        data-testid="compare-seek"
      >
        Go there
      </button>
    </p>
  );
}
