/**
 * Edits from before IndexedDB lived in localStorage (`dpp:v1:edit:<exercise>:<role>`, and the code set aside
 * by a share link under `dpp:v1:edit-backup:<exercise>`). They move once, on the first read of this page
 * load; a key is removed only after its record was written, so a failed move is tried again next time.
 */
import { changeFile } from './codeStore';
import { withVersion } from './fileHistory';

const EDIT = /^dpp:v1:edit:(.+):([^:]+)$/;
const BACKUP = /^dpp:v1:edit-backup:(.+)$/;

let done: Promise<void> | undefined;

export function migrateLocalEdits(): Promise<void> {
  return (done ??= migrate().catch(() => undefined));
}

function readLocal(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

async function migrate(): Promise<void> {
  let keys: string[];
  try {
    keys = Object.keys(window.localStorage);
  } catch {
    return;
  }
  for (const key of keys) {
    const edit = EDIT.exec(key);
    const backup = BACKUP.exec(key);
    const value = readLocal(key);
    const now = Date.now();
    try {
      if (edit?.[1] && edit[2] && typeof value === 'string') {
        // The starter it was written against is unknown (''): the first open adopts the current one.
        await changeFile(edit[1], edit[2], '', (record) => ({
          record: record.current ? record : { ...record, current: { source: value, at: now } },
          result: undefined,
        }));
      } else if (backup?.[1] && typeof value === 'object' && value !== null) {
        for (const [role, source] of Object.entries(value)) {
          if (typeof source !== 'string') continue;
          await changeFile(backup[1], role, '', (record) => ({
            record: withVersion(record, source, 'before-share', now).record,
            result: undefined,
          }));
        }
      } else continue;
      window.localStorage.removeItem(key);
    } catch {
      // Left in localStorage: the next page load tries again.
    }
  }
}
