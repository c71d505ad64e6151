/**
 * What happened when the lesson opened from a share link: the shared run is on screen and the learner's
 * own code was set aside (one click brings it back), or the link could not be opened, and why.
 */
import type { SharedRun } from './shareLink';

interface Props {
  opened: { run: SharedRun } | { error: string };
  /** The learner's own code was set aside and can come back. */
  canRestore: boolean;
  onRestore(): void;
  /** The learner keeps the shared code: their own set-aside code is let go. */
  onKeep(): void;
  onDismiss(): void;
}

export function ShareNotice({ opened, canRestore, onRestore, onKeep, onDismiss }: Props) {
  if ('error' in opened)
    return (
      <div className="share-notice is-error" role="alert" data-testid="share-notice">
        <p>{opened.error}</p>
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    );
  const { run } = opened;
  const keep = canRestore ? onKeep : onDismiss;
  const roles = Object.keys(run.code);
  return (
    <div className="share-notice" role="status" data-testid="share-notice">
      <p>
        Opened a shared run: {roles.length > 0 ? `code of ${roles.join(', ')}` : 'the starter code'}, seed{' '}
        {run.seed}
        {run.faults.length > 0 ? `, ${run.faults.length} added fault${run.faults.length > 1 ? 's' : ''}` : ''}
        .{canRestore && ' Your own code for this lesson was set aside, not lost.'}
      </p>
      {canRestore && (
        <button type="button" className="link-button" onClick={onRestore} data-testid="share-restore">
          Restore my code
        </button>
      )}
      <button type="button" className="link-button" onClick={keep}>
        {canRestore ? 'Keep the shared code' : 'Dismiss'}
      </button>
    </div>
  );
}
