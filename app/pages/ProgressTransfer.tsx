/**
 * "Export progress" and "Import progress…" on the course map: move everything (progress, code, History) to
 * another browser as a JSON file. Import says what it will do and waits for a yes; nothing here is
 * dropped (see `progressFile.ts`).
 */
import { useRef, useState } from 'react';
import {
  applyImport,
  exportProgress,
  parseProgressFile,
  planImport,
  type ImportPlan,
  type ProgressFile,
} from '../persistence/progressFile';

interface Props {
  lessonIds: readonly string[];
  /** Progress changed: the course map reads it again. */
  onImported(): void;
}

type Stage =
  | { kind: 'idle' }
  | { kind: 'asking'; file: ProgressFile; plan: ImportPlan }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string };

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export function ProgressTransfer({ lessonIds, onImported }: Props) {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  const download = async () => {
    try {
      const json = await exportProgress(lessonIds);
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `playground-progress-${new Date().toISOString().slice(0, 10)}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setStage({ kind: 'error', message: `Export failed: ${String(error)}` });
    }
  };

  const pick = async (files: FileList | null) => {
    const chosen = files?.[0];
    if (input.current) input.current.value = '';
    if (!chosen) return;
    const parsed = parseProgressFile(await chosen.text());
    if ('error' in parsed) return setStage({ kind: 'error', message: parsed.error });
    setStage({ kind: 'asking', file: parsed.file, plan: await planImport(parsed.file) });
  };

  const confirm = async (file: ProgressFile, plan: ImportPlan) => {
    try {
      await applyImport(file);
      setStage({
        kind: 'done',
        message:
          `Imported progress for ${plural(plan.lessons, 'lesson')} and code for ${plural(plan.files, 'file')}` +
          (plan.sandboxes > 0 ? `, with ${plural(plan.sandboxes, 'sandbox', 'sandboxes')}.` : '.'),
      });
      onImported();
    } catch (error) {
      setStage({ kind: 'error', message: `Import stopped: ${(error as Error).message}` });
    }
  };

  return (
    <div className="progress-transfer">
      <div className="progress-transfer-buttons">
        <button
          type="button"
          className="button"
          onClick={() => void download()}
          data-testid="export-progress"
        >
          Export progress
        </button>
        <button type="button" className="button" onClick={() => input.current?.click()}>
          Import progress…
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => void pick(e.currentTarget.files)}
          data-testid="import-file"
        />
      </div>
      {stage.kind === 'asking' && (
        <div className="transfer-ask" role="dialog" aria-label="Import progress" data-testid="import-ask">
          <p>
            This file (exported {new Date(stage.file.exportedAt).toLocaleString()}) has progress for{' '}
            {plural(stage.plan.lessons, 'lesson')} and code for {plural(stage.plan.files, 'file')}. Progress
            is merged: nothing done here is undone.
            {stage.plan.replaced.length > 0
              ? ` ${plural(stage.plan.replaced.length, 'file')} here ha${stage.plan.replaced.length === 1 ? 's' : 've'} other code (${stage.plan.replaced
                  .map((f) => `${f.exerciseId}: ${f.role}.ts`)
                  .join(
                    ', ',
                  )}): the file’s code goes on screen and yours is kept in History as “Before import”.`
              : ' No code here is replaced.'}
            {stage.plan.sandboxes > 0 &&
              ` It has ${plural(stage.plan.sandboxes, 'sandbox', 'sandboxes')} too.`}
            {stage.plan.replacedSandboxes.length > 0 &&
              ` Its newer version replaces ${stage.plan.replacedSandboxes.map((n) => `“${n}”`).join(', ')} here, which is kept as a copy named “… (before import)”.`}
          </p>
          <button
            type="button"
            className="button primary"
            onClick={() => void confirm(stage.file, stage.plan)}
            data-testid="import-confirm"
          >
            Import
          </button>
          <button type="button" className="button" onClick={() => setStage({ kind: 'idle' })}>
            Cancel
          </button>
        </div>
      )}
      {(stage.kind === 'done' || stage.kind === 'error') && (
        <p
          className={`transfer-result${stage.kind === 'error' ? ' is-error' : ''}`}
          role={stage.kind === 'error' ? 'alert' : 'status'}
          data-testid="import-result"
        >
          {stage.message}
        </p>
      )}
    </div>
  );
}
