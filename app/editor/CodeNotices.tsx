/**
 * What the code panel must tell the learner about their files at once: a save that failed (their latest
 * code is only in this tab), another tab of the same lesson and its saves, a starter that changed under
 * their code, and the last reset or applied solution (one click undoes it).
 */
import type { Version } from '../persistence/fileHistory';
import type { LessonFiles, FilesSnapshot } from '../persistence/lessonFiles';

/** The learner's last Reset to starter or applied solution, which one click undoes. */
export interface LastReplace {
  role: string;
  what: 'reset' | 'solution';
  /** The code before, as kept in History (undefined when it was the starter, which needs no keeping). */
  kept: Version | undefined;
  /** Nothing was replaced: the code before could not be kept. */
  refused?: boolean;
}

interface Props {
  files: FilesSnapshot;
  store: LessonFiles;
  lastReplace: LastReplace | undefined;
  onUndo(): void;
  onDismissReplace(): void;
}

const kb = (
  <>
    <kbd>Ctrl+Z</kbd> / <kbd>⌘Z</kbd>
  </>
);

/** What the last reset or applied solution did, in words. */
function replaced({ role, what, kept, refused }: LastReplace) {
  const file = fileName(role);
  if (refused)
    return `Nothing was ${what === 'reset' ? 'reset' : 'applied'}: your code in ${file} could not be kept first (see above).`;
  if (what === 'reset') return `${file} is back to the starter code. Your code is kept in History.`;
  return (
    <>
      The solution replaced {kept ? `your code in ${file}` : `the starter code of ${file}`}.{' '}
      {kept ? 'Your code is kept in History as “Before Show solution”' : 'History has the starter code'}, and{' '}
      {kb} in the editor brings it back too.
    </>
  );
}

const fileName = (role: string) => `${role}.ts`;
const names = (roles: readonly string[]) => roles.map(fileName).join(', ');

export function CodeNotices({ files, store, lastReplace, onUndo, onDismissReplace }: Props) {
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
      {lastReplace && (
        <p
          className={`code-notice${lastReplace.refused ? ' is-error' : ''}`}
          role="status"
          data-testid={lastReplace.what === 'reset' ? 'reset-notice' : 'solution-applied'}
        >
          {replaced(lastReplace)}
          {!lastReplace.refused && (
            <button
              type="button"
              className="link-button"
              onClick={onUndo}
              data-testid={lastReplace.what === 'reset' ? 'undo-reset' : 'undo-solution'}
            >
              {lastReplace.what === 'reset' ? 'Undo reset' : 'Undo'}
            </button>
          )}
          <button type="button" className="link-button" onClick={onDismissReplace}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
