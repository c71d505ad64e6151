import type { SaveState } from '../persistence/lessonFiles';

/** Says "saved" only once the browser has written the code; a failure is spelt out above the editor. */
export function SaveStatus({ save }: { save: SaveState | undefined }) {
  const words =
    save === undefined || save.state === 'idle'
      ? 'Edits are saved in this browser.'
      : save.state === 'saving'
        ? 'Saving…'
        : save.state === 'saved'
          ? 'Saved in this browser.'
          : 'Not saved (see above).';
  return (
    <span className="save-status" data-testid="save-status" data-state={save?.state ?? 'idle'}>
      {words}
    </span>
  );
}
