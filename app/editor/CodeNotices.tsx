/**
 * What the code panel must tell the learner about their files at once: a save that failed (their latest
 * code is only in this tab), another tab of the same lesson and its saves, a starter that changed under
 * their code, and the last reset (one click undoes it).
 */
import type { Version } from '../persistence/fileHistory';
import type { LessonFiles, FilesSnapshot } from '../persistence/lessonFiles';

export interface LastReset {
  role: string;
  /** The code before the reset, as kept in History. */
  kept: Version | undefined;
  /** The reset did not happen: the code before it could not be kept. */
  refused?: boolean;
}

interface Props {
  files: FilesSnapshot;
  store: LessonFiles;
  lastReset: LastReset | undefined;
  onUndoReset(): void;
  onDismissReset(): void;
}

const fileName = (role: string) => `${role}.ts`;
const names = (roles: readonly string[]) => roles.map(fileName).join(', ');

export function CodeNotices({ files, store, lastReset, onUndoReset, onDismissReset }: Props) {
  const { save, otherTab, otherSaves, overtook, staleStarter } = files;
  return (
    <div className="code-notices">
      {save.state === 'failed' && (
        <p className="code-notice is-error" role="alert" data-testid="save-failed">
          {save.message}
        </p>
      )}
      {otherTab && (
        <div className="code-notice" role="status" data-testid="other-tab">
          <p>
            This lesson is open in another tab too. Nothing is overwritten silently: when both save, the other
            tab’s code is kept in History.
          </p>
          {otherSaves.map((role) => (
            <p key={role} className="code-notice-row">
              The other tab saved {fileName(role)}.
              <button
                type="button"
                className="link-button"
                onClick={() => void store.takeOtherSave(role)}
                data-testid={`take-other-${role}`}
              >
                Load its code
              </button>
            </p>
          ))}
        </div>
      )}
      {overtook.length > 0 && (
        <p className="code-notice" role="status" data-testid="overtook">
          Your save of {names(overtook)} came after another tab’s; its code is kept in History as “Saved in
          another tab”.
          <button type="button" className="link-button" onClick={() => store.dismissOvertook()}>
            OK
          </button>
        </p>
      )}
      {staleStarter.map((role) => (
        <p key={role} className="code-notice" role="status" data-testid={`stale-starter-${role}`}>
          The lesson’s starter code for {fileName(role)} changed since you edited it. Your code is on screen.
          <button
            type="button"
            className="link-button"
            onClick={() => void store.settleStarter(role, 'mine')}
          >
            Keep my code
          </button>
          <button type="button" className="link-button" onClick={() => void store.settleStarter(role, 'new')}>
            Use the new starter
          </button>
        </p>
      ))}
      {lastReset && (
        <p
          className={`code-notice${lastReset.refused ? ' is-error' : ''}`}
          role="status"
          data-testid="reset-notice"
        >
          {lastReset.refused
            ? `Nothing was reset: your code in ${fileName(lastReset.role)} could not be kept first (see above).`
            : `${fileName(lastReset.role)} is back to the starter code. Your code is kept in History.`}
          {lastReset.kept && (
            <button type="button" className="link-button" onClick={onUndoReset} data-testid="undo-reset">
              Undo reset
            </button>
          )}
          <button type="button" className="link-button" onClick={onDismissReset}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
