/**
 * "History" for the file on screen: every version the learner would miss (earlier saves, the code before a
 * reset, a shown solution or a share link, a link's code, another tab's save) and the starter. Choosing one
 * puts it in the editor; what was there is kept in turn, so bringing a version back loses nothing either.
 */
import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../shell/useDismiss';
import { versionLabel, type Version } from '../persistence/fileHistory';

interface Props {
  file: string;
  versions: readonly Version[];
  /** The code on screen, to mark the version it equals. */
  current: string;
  starter: string;
  onBringBack(version: Version): void;
  onStarter(): void;
}

const lineCount = (source: string) => source.split('\n').length;

/** The first line of a version that the starter does not have: what tells one version from another. */
function preview(source: string, starter: string): string | undefined {
  const known = new Set(starter.split('\n').map((l) => l.trim()));
  const line = source
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !known.has(l));
  return line && (line.length > 64 ? `${line.slice(0, 63)}…` : line);
}

function when(at: number): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return date.toDateString() === new Date().toDateString()
    ? time
    : `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}

export function HistoryMenu({ file, versions, current, starter, onBringBack, onStarter }: Props) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, box, close);

  const choose = (act: () => void) => {
    setOpen(false);
    act();
  };

  return (
    <div className="history" ref={box}>
      <button
        type="button"
        className="button ghost small"
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen(!open)}
        data-testid="history-button"
        title={`Earlier versions of ${file} kept in this browser: ${versions.length}`}
      >
        History
      </button>
      {open && (
        <div className="history-pop" role="menu" aria-label={`History of ${file}`} data-testid="history-menu">
          <p className="history-title">Versions of {file} kept in this browser</p>
          {versions.map((v) => (
            <button
              key={v.id}
              type="button"
              role="menuitem"
              className={`history-item reason-${v.reason}`}
              onClick={() => choose(() => onBringBack(v))}
              disabled={v.source === current}
            >
              <span className="history-label">{versionLabel(v.reason)}</span>
              <span className="history-meta">
                {when(v.at)} · {lineCount(v.source)} lines{v.source === current ? ' · on screen' : ''}
              </span>
              {preview(v.source, starter) !== undefined && (
                <code className="history-preview">{preview(v.source, starter)}</code>
              )}
            </button>
          ))}
          {versions.length === 0 && (
            <p className="history-empty">
              Nothing kept yet. Your code before a reset, a share link or Show solution appears here.
            </p>
          )}
          <button
            type="button"
            role="menuitem"
            className="history-item"
            onClick={() => choose(onStarter)}
            disabled={starter === current}
          >
            <span className="history-label">Starter code</span>
            <span className="history-meta">
              {lineCount(starter)} lines{starter === current ? ' · on screen' : ''}
            </span>
          </button>
        </div>
      )}
    </div>
  );
}
