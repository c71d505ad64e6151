/**
 * "Run it for real": a top-bar button opening a dialog with the commands that run this lesson as one
 * process per node on the learner's machine, and the download of its Kubernetes bundle (zip, built here in
 * the browser for the code as the learner has it now).
 */
import { useRef, useState } from 'react';
import type { LessonEntry } from '../catalog/types';
import { realCommands } from './realCommands';
import '../styles/realMode.css';

interface Props {
  exercise: LessonEntry;
  /** Role -> the learner's code now (undefined until it has loaded). */
  sources: Record<string, string> | undefined;
  starters: Record<string, string> | undefined;
}

type Status =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; name: string } | { kind: 'error'; message: string };

export function RunForReal({ exercise, sources, starters }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const edited = exercise.roles.filter((r) => sources && starters && sources[r.role] !== starters[r.role]);
  const commands = realCommands(exercise.id, edited);

  const download = async () => {
    if (!sources) return;
    setStatus({ kind: 'busy' });
    try {
      const { downloadBundle } = await import('./downloadBundle');
      const roles = exercise.roles.map((r) => ({
        role: r.role,
        file: r.file,
        source: sources[r.role] ?? '',
      }));
      await downloadBundle({ exerciseId: exercise.id, scenario: exercise.scenario, roles });
      setStatus({ kind: 'done', name: exercise.id });
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <>
      <button
        type="button"
        className="share-button"
        data-testid="run-for-real"
        onClick={() => dialog.current?.showModal()}
        title="Run this lesson outside the browser: one process per node, or on Kubernetes"
      >
        Run it for real
      </button>
      <dialog
        ref={dialog}
        className="real-dialog"
        aria-labelledby="real-title"
        data-testid="run-for-real-dialog"
      >
        <header>
          <h2 id="real-title">Run it for real</h2>
          <button
            type="button"
            className="real-close"
            aria-label="Close"
            onClick={() => dialog.current?.close()}
          >
            ×
          </button>
        </header>
        <p>
          The same code runs outside the simulation: every node its own Node.js process, real sockets, real
          timers. Faults still happen, but no longer at exact times, and no two runs are the same.
        </p>
        <h3>On this machine</h3>
        <p className="real-hint">
          In a checkout of the playground, one process per node on 127.0.0.1, judged by this lesson&apos;s
          checks:
        </p>
        <Command text={commands.real} testId="real-command" />
        <h3>On Kubernetes</h3>
        <p className="real-hint">
          The bundle holds a Dockerfile for the runner image, a kustomization (a Deployment or StatefulSet and
          a Service per role) and a compose.yaml, with {edited.length > 0 ? 'your code' : 'the starter code'}.
          From a checkout, the same bundle:
        </p>
        <Command text={commands.export} testId="export-command" />
        <div className="real-actions">
          <button
            type="button"
            className="real-download"
            data-testid="download-bundle"
            disabled={!sources || status.kind === 'busy'}
            onClick={() => void download()}
          >
            {status.kind === 'busy' ? 'Building…' : 'Download the Kubernetes bundle (.zip)'}
          </button>
          <span role="status" className={status.kind === 'error' ? 'real-error' : 'real-hint'}>
            {status.kind === 'done' && 'Downloaded. Unzip it and read its README.md.'}
            {status.kind === 'error' && `Could not build the bundle: ${status.message}`}
          </span>
        </div>
        <p className="real-hint">Without Kubernetes, in the unzipped bundle, with Docker Compose:</p>
        <Command text={commands.compose} testId="compose-command" />
      </dialog>
    </>
  );
}

function Command({ text, testId }: { text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="real-command">
      <code data-testid={testId}>{text}</code>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
