/**
 * What happened with a share link: it could not be opened (and why), or its code, someone else's, is kept
 * beside the learner's own as the version "Shared code from link", with a switch between the two. It stays
 * until the learner dismisses it, across reloads.
 */
import type { ShareSession } from '../persistence/codeStore';
import type { FilesSnapshot } from '../persistence/lessonFiles';

interface Props {
  /** A link that could not be opened, and why. */
  error?: string | undefined;
  files: FilesSnapshot | undefined;
  /** Whether the link's code and the learner's own were written when it opened (undefined: not now). */
  kept: boolean | undefined;
  onShowShared(): void;
  onShowOwn(): void;
  onDismiss(): void;
}

const fileList = (roles: string[]) => roles.map((r) => `${r}.ts`).join(', ');

/** Whether the code on screen is the link's (its roles, and the starter for the rest). */
export function showsShared(files: FilesSnapshot, share: ShareSession): boolean {
  return Object.entries(files.starters).every(
    ([role, starter]) => files.sources[role] === (share.shared[role] ?? starter),
  );
}

export function ShareNotice({ error, files, kept, onShowShared, onShowOwn, onDismiss }: Props) {
  if (error)
    return (
      <div className="share-notice is-error" role="alert" data-testid="share-notice">
        <p>{error}</p>
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    );
  const share = files?.share;
  if (!files || !share) return null;
  const roles = Object.keys(share.shared);
  const own = Object.keys(share.own);
  const showing = showsShared(files, share);
  const what = `${roles.length > 0 ? `code for ${fileList(roles)}` : 'the starter code'}, seed ${share.seed}${
    share.faults.length > 0 ? `, ${share.faults.length} added fault${share.faults.length > 1 ? 's' : ''}` : ''
  }`;
  return (
    <div className="share-notice" role="status" data-testid="share-notice">
      <p>
        <strong>Shared code from a link: someone else wrote it.</strong> The link holds {what}.{' '}
        {showing
          ? `It is in the editor${own.length > 0 && kept !== false ? '; your own code is kept in History as “Your code before the shared link”' : ''}.${
              files.held ? ' It has not run: read it, then press Run or Check.' : ''
            }`
          : `Your own code is in the editor${kept !== false ? '; the link’s is kept in History as “Shared code from link”' : ''}.`}
        {kept === false &&
          ' This browser’s storage refused to keep the link’s code, so it is not saved; your own saved code was not changed.'}
      </p>
      {showing
        ? own.length > 0 && (
            <button type="button" className="link-button" onClick={onShowOwn} data-testid="share-show-own">
              Back to my code
            </button>
          )
        : roles.length > 0 && (
            <button
              type="button"
              className="link-button"
              onClick={onShowShared}
              data-testid="share-show-shared"
            >
              Open the shared code
            </button>
          )}
      <button type="button" className="link-button" onClick={onDismiss} data-testid="share-dismiss">
        Dismiss
      </button>
    </div>
  );
}
