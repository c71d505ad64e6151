/**
 * "Share": makes the link that reproduces the run on screen, copies it, and shows it in a field too, since
 * a browser may refuse clipboard access (and a learner may want to read what they are sending).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDismiss } from '../shell/useDismiss';

interface Props {
  /** The full URL of the run as it stands now, or why no link can carry it. */
  makeUrl(): string | { error: string };
}

type Copy = 'copied' | 'by-hand';

export function ShareButton({ makeUrl }: Props) {
  const [open, setOpen] = useState<{ url: string; copy: Copy | undefined; error?: string } | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const closePop = useCallback(() => setOpen(null), []);

  const share = () => {
    if (open) return setOpen(null);
    const url = makeUrl();
    if (typeof url !== 'string') return setOpen({ url: '', copy: undefined, error: url.error });
    setOpen({ url, copy: undefined });
    void copy(url).then((copied) =>
      setOpen((now) => (now?.url === url ? { url, copy: copied ? 'copied' : 'by-hand' } : now)),
    );
  };

  useEffect(() => {
    if (open) field.current?.select();
  }, [open]);
  useDismiss(open !== null, box, closePop);

  return (
    <div className="share" ref={box}>
      <button
        type="button"
        className="share-button"
        data-testid="share-button"
        aria-expanded={open !== null}
        onClick={share}
        title="A link to this run: your code, the seed and the faults you added"
      >
        Share
      </button>
      {open?.error && (
        <div className="share-pop" role="alert" aria-label="Share this run" data-testid="share-error">
          {open.error}
        </div>
      )}
      {open && !open.error && (
        <div className="share-pop" role="dialog" aria-label="Share this run">
          <label htmlFor="share-url">
            {open.copy === 'copied'
              ? 'Link copied. It opens your code, seed and faults:'
              : open.copy === 'by-hand'
                ? 'Copy this link (the browser did not allow copying):'
                : 'Link to this run:'}
          </label>
          <input
            id="share-url"
            ref={field}
            data-testid="share-url"
            readOnly
            value={open.url}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </div>
  );
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
