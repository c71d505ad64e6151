/**
 * The files of one open exercise: what the editor shows (in memory, the truth for this tab), what is saved
 * (IndexedDB, one record per role), and what the learner would miss (each file's History). Writes go one
 * at a time; the save state only says "saved" once a write has landed. React reads it through
 * `useSyncExternalStore` (see `useLessonCode`).
 */
import { changeFile, readFile, readFiles, readShareSession, type ShareSession } from './codeStore';
import {
  starterHash,
  withSave,
  withVersion,
  type FileRecord,
  type LinkStart,
  type Version,
  type VersionReason,
} from './fileHistory';
import { migrateLocalEdits } from './migrateEdits';
import { openTabChannel, TAB_ID } from './tabChannel';

export type SaveState = { state: 'idle' | 'saving' | 'saved' } | { state: 'failed'; message: string };

export interface FilesSnapshot {
  sources: Record<string, string>;
  starters: Record<string, string>;
  /** Role -> kept versions, newest first. */
  history: Record<string, Version[]>;
  save: SaveState;
  /** Another tab has this exercise open. */
  otherTab: boolean;
  /** Roles another tab saved since this tab last loaded them (its code differs from this tab's). */
  otherSaves: string[];
  /** Roles where this tab's save replaced code another tab had written; that code is in History. */
  overtook: string[];
  /** Roles whose starter changed since the learner's code was written. */
  staleStarter: string[];
  /** A share link opened over this exercise and not settled yet. */
  share: ShareSession | undefined;
  /** Someone else's code from a link is on screen and the learner has not run it (Run or Check). */
  held: boolean;
  /**
   * The seed and faults of the link whose code was last put on screen (opened, after a reload, from the
   * notice or from History); `n` counts those moments, so the run takes them once each time (see
   * app/share/useSharedStart.ts) and a seed the learner types afterwards stays theirs.
   */
  linkStart: (LinkStart & { n: number }) | undefined;
}

const SAVE_DELAY_MS = 250;
/** The `failed` key of a failure of the storage as a whole (not of one role's write). */
const STORAGE = '';
const without = (list: string[], role: string) => list.filter((r) => r !== role);
const withRole = (list: string[], role: string) => (list.includes(role) ? list : [...list, role]);

export class LessonFiles {
  private snap: FilesSnapshot;
  private readonly hashes: Record<string, string>;
  private readonly knownRev: Record<string, number> = {};
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** Role -> why its latest write failed; cleared when a save of that role lands. */
  private readonly failed = new Map<string, string>();
  private readonly onPageHide = () => void this.flush();
  private channel: ReturnType<typeof openTabChannel> | undefined;

  private constructor(
    readonly exerciseId: string,
    starters: Record<string, string>,
  ) {
    this.hashes = Object.fromEntries(Object.entries(starters).map(([r, s]) => [r, starterHash(s)]));
    this.snap = {
      sources: { ...starters },
      starters,
      history: {},
      save: { state: 'idle' },
      otherTab: false,
      otherSaves: [],
      overtook: [],
      staleStarter: [],
      share: undefined,
      held: false,
      linkStart: undefined,
    };
  }

  static async open(exerciseId: string, starters: Record<string, string>): Promise<LessonFiles> {
    await migrateLocalEdits();
    const files = new LessonFiles(exerciseId, starters);
    const roles = Object.keys(starters);
    const { records, unavailable } = await readFiles(exerciseId, roles);
    // Said at once, before the learner types anything they would expect to find again.
    if (unavailable) files.failed.set(STORAGE, unavailable.message);
    const sources = { ...starters };
    const history: Record<string, Version[]> = {};
    const stale: string[] = [];
    roles.forEach((role, i) => {
      const record = records[i];
      files.knownRev[role] = record?.rev ?? 0;
      if (!record) return;
      history[role] = record.history;
      if (record.current) sources[role] = record.current.source;
      const hash = files.hashes[role];
      if (record.current && record.starterHash !== '' && record.starterHash !== hash) stale.push(role);
    });
    const waiting = roles.flatMap(
      (role) =>
        history[role]?.filter((v) => v.reason === 'shared' && !v.ran && v.source === sources[role]) ?? [],
    );
    const share = await readShareSession(exerciseId);
    files.set({ sources, history, staleStarter: stale, share });
    // A link's code not run yet: it waits, with its seed and faults (a version from before they were kept
    // has the open link's, if any).
    if (waiting.length > 0) files.hold(waiting.find((v) => v.link)?.link ?? share);
    if (unavailable) files.showSave();
    window.addEventListener('pagehide', files.onPageHide);
    files.channel = openTabChannel(exerciseId, (message) => {
      if (message.kind !== 'saved') return files.set({ otherTab: true });
      void readFile(exerciseId, message.role).then((record) => {
        const theirs = record?.current?.source ?? starters[message.role];
        const differs = theirs !== files.snap.sources[message.role];
        files.set({
          otherTab: true,
          otherSaves: differs ? withRole(files.snap.otherSaves, message.role) : files.snap.otherSaves,
        });
      });
    });
    return files;
  }

  // --- React's side -------------------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): FilesSnapshot => this.snap;

  private set(patch: Partial<FilesSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const listener of this.listeners) listener();
  }

  close(): void {
    void this.flush();
    this.channel?.close();
    window.removeEventListener('pagehide', this.onPageHide);
  }

  /** "Saved" only once every write landed; a failure shows until that file saves again. */
  private showSave(): void {
    // Storage as a whole refusing says the most; otherwise the latest failure.
    const failure = this.failed.get(STORAGE) ?? [...this.failed.values()].at(-1);
    const save: SaveState =
      failure !== undefined
        ? { state: 'failed', message: failure }
        : { state: this.pending > 0 ? 'saving' : 'saved' };
    this.set({ save });
  }

  // --- Editing -------------------------------------------------------------------------------------------

  /** The learner typed: shown at once, saved shortly after (one write per pause in typing). */
  edit(role: string, source: string): void {
    if (this.snap.sources[role] === source) return;
    this.set({ sources: { ...this.snap.sources, [role]: source } });
    clearTimeout(this.timers.get(role));
    this.timers.set(
      role,
      setTimeout(() => void this.writeNow(role), SAVE_DELAY_MS),
    );
  }

  /** Write every pending edit now (before a reload, or before an action that must find it saved). */
  async flush(): Promise<void> {
    const roles = [...this.timers.keys()];
    await Promise.all(roles.map((role) => this.writeNow(role)));
  }

  private writeNow(role: string): Promise<boolean> {
    clearTimeout(this.timers.get(role));
    this.timers.delete(role);
    const source = this.snap.sources[role];
    const target = source === this.snap.starters[role] ? undefined : source;
    return this.write(role, (record) => {
      const saved = withSave(record, target, this.knownRev[role] ?? 0, Date.now());
      return { record: saved.record, result: saved.overtook };
    }).then((overtook) => {
      if (overtook === undefined) return false;
      this.set({
        otherSaves: without(this.snap.otherSaves, role),
        overtook: overtook ? withRole(this.snap.overtook, role) : this.snap.overtook,
      });
      this.channel?.post({
        kind: 'saved',
        exerciseId: this.exerciseId,
        role,
        rev: this.knownRev[role] ?? 0,
        tab: TAB_ID,
      });
      return true;
    });
  }

  /** One write at a time; resolves with `change`'s result once written, or `undefined` when it failed. */
  private write<T>(
    role: string,
    change: (record: FileRecord) => { record: FileRecord; result: T },
    bumpsRev = true,
  ): Promise<T | undefined> {
    this.pending++;
    this.showSave();
    const hash = this.hashes[role] ?? '';
    const run = async (): Promise<T | undefined> => {
      try {
        const { record, result } = await changeFile(this.exerciseId, role, hash, (old) =>
          change(old.starterHash === '' ? { ...old, starterHash: hash } : old),
        );
        if (bumpsRev) {
          this.knownRev[role] = record.rev;
          this.failed.delete(role);
          this.failed.delete(STORAGE);
        }
        this.set({ history: { ...this.snap.history, [role]: record.history } });
        return result;
      } catch (error) {
        this.failed.set(role, (error as Error).message);
        return undefined;
      } finally {
        this.pending--;
        this.showSave();
      }
    };
    const next = this.queue.then(run);
    this.queue = next;
    return next;
  }

  // --- Versions -------------------------------------------------------------------------------------------

  /**
   * Keep `source` (default: the code on screen) as a version of `role`. Resolves with the version once it is
   * written, `undefined` when storage refused (the caller must not claim it is kept).
   */
  async recordVersion(
    role: string,
    reason: VersionReason,
    source = this.snap.sources[role],
    link?: LinkStart,
  ): Promise<Version | undefined> {
    if (source === undefined) return undefined;
    // A failed save earlier must not block keeping this one: clear the alarm only when this one lands.
    return this.write(
      role,
      (record) => {
        const kept = withVersion(record, source, reason, Date.now(), link);
        return { record: kept.record, result: kept.version };
      },
      false,
    );
  }

  /**
   * Put `source` in the editor for `role`, keeping what was there first as a `reason` version (the starter
   * needs no keeping). False, and nothing changes, when that version could not be written; once replaced,
   * a failed save of the new code shows as any failed save does (`save`), and the editor's undo (the change
   * is one undo step, see CodeEditor) brings back what was there.
   */
  async replaceWith(role: string, source: string, reason: VersionReason): Promise<boolean> {
    const current = this.snap.sources[role];
    if (current === source) return true;
    if (current !== undefined && current !== this.snap.starters[role]) {
      if (!(await this.recordVersion(role, reason, current))) return false;
    }
    this.edit(role, source);
    await this.writeNow(role);
    return true;
  }

  /** Bring a kept version back (what was on screen is kept in turn). A shared link's waits to be run. */
  async restore(role: string, version: Version): Promise<boolean> {
    const done = await this.replaceWith(role, version.source, 'before-restore');
    if (done && version.reason === 'shared') {
      if (version.ran) this.startWith(version.link);
      else this.hold(version.link);
    }
    return done;
  }

  /** The lesson's starter changed: keep the learner's code (and stop asking), or take the new starter. */
  async settleStarter(role: string, take: 'mine' | 'new'): Promise<void> {
    if (take === 'new' && !(await this.replaceWith(role, this.snap.starters[role] ?? '', 'before-starter')))
      return;
    const hash = this.hashes[role] ?? '';
    await this.write(role, (record) => ({ record: { ...record, starterHash: hash }, result: true }), false);
    this.set({ staleStarter: without(this.snap.staleStarter, role) });
  }

  /** Take what another tab saved for `role` into this tab. */
  async takeOtherSave(role: string): Promise<void> {
    const record = await readFile(this.exerciseId, role);
    if (!record) return;
    this.knownRev[role] = record.rev;
    clearTimeout(this.timers.get(role));
    this.timers.delete(role);
    this.set({
      sources: { ...this.snap.sources, [role]: record.current?.source ?? this.snap.starters[role] ?? '' },
      history: { ...this.snap.history, [role]: record.history },
      otherSaves: without(this.snap.otherSaves, role),
    });
  }

  dismissOvertook(): void {
    this.set({ overtook: [] });
  }

  // --- For share links (see shareVersions.ts) ------------------------------------------------------------

  private holds = 0;

  /** A link's code is (going) on screen: its seed and faults come with it. */
  private startWith(start: LinkStart | undefined): void {
    if (start) this.set({ linkStart: { seed: start.seed, faults: start.faults, n: ++this.holds } });
  }

  /** A link's code not run yet is (going) on screen: it waits for Run or Check, with its seed and faults. */
  hold(start: LinkStart | undefined): void {
    this.set({ held: true });
    this.startWith(start);
  }

  /** The share notice's state and whether code on screen waits for Run or Check. */
  patch(patch: Pick<Partial<FilesSnapshot>, 'share' | 'held'>): void {
    this.set(patch);
  }

  /** The learner ran `source` (a link's code) in `role`: it no longer waits, also after a reload. */
  markRan(role: string, source: string): void {
    void this.write(
      role,
      (record) => ({
        record: {
          ...record,
          history: record.history.map((v) =>
            v.reason === 'shared' && v.source === source ? { ...v, ran: true } : v,
          ),
        },
        result: true,
      }),
      false,
    );
  }
}
