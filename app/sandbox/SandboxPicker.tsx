/**
 * The learner's sandboxes: switch between them, make a new one, rename or delete the one open (delete
 * asks first: it takes the code with it).
 */
import { useEffect, useId, useState } from 'react';
import { deleteSandbox, listSandboxes, type SandboxRecord } from '../persistence/sandboxStore';
import { navigate } from '../router/useRoute';
import { NameField } from './fields';
import { createSandbox } from './openSandbox';

interface Props {
  current: Pick<SandboxRecord, 'id' | 'name'>;
  onRename(name: string): void;
  /** Write what is pending before the page switches to another sandbox. */
  flush(): Promise<void>;
}

const nameProblem = (name: string) =>
  name.trim() === '' ? 'give it a name' : name.length > 60 ? 'a name is at most 60 characters' : undefined;

export function SandboxPicker({ current, onRename, flush }: Props) {
  const id = useId();
  const [others, setOthers] = useState<SandboxRecord[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    void listSandboxes().then((all) => live && setOthers(all.filter((s) => s.id !== current.id)));
    return () => {
      live = false;
    };
  }, [current.id]);
  const all = [current, ...others].sort((a, b) => a.name.localeCompare(b.name));

  const open = async (sandboxId: string) => {
    await flush();
    navigate({ page: 'sandbox', sandboxId });
  };
  const create = async () => {
    await flush();
    try {
      const made = await createSandbox();
      navigate({ page: 'sandbox', sandboxId: made.id });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async () => {
    try {
      await flush();
      await deleteSandbox(current.id);
      navigate({ page: 'sandbox' }, { replace: true });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="sbx-picker">
      <div className="sbx-picker-row">
        <h1 className="sbx-title">Sandbox</h1>
        <button
          type="button"
          className="button small"
          onClick={() => void create()}
          data-testid="new-sandbox"
        >
          New
        </button>
        <button
          type="button"
          className="button ghost small"
          onClick={() => setConfirming(true)}
          data-testid="delete-sandbox"
        >
          Delete
        </button>
      </div>
      <div className="sbx-picker-row">
        <label htmlFor={id} className="sbx-picker-label">
          Open
        </label>
        <select
          id={id}
          value={current.id}
          onChange={(e) => void open(e.target.value)}
          data-testid="sandbox-select"
        >
          {all.map((s) => (
            <option key={s.id} value={s.id}>
              {s.id === current.id ? current.name : s.name}
            </option>
          ))}
        </select>
      </div>
      {confirming && (
        <div className="sbx-confirm" role="alertdialog" aria-label="Delete this sandbox">
          <p>Delete “{current.name}” with its code and History? This cannot be undone.</p>
          <button
            type="button"
            className="button danger small"
            onClick={() => void remove()}
            data-testid="confirm-delete"
          >
            Delete
          </button>
          <button type="button" className="button ghost small" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
      <NameField
        label="Name"
        value={current.name}
        problem={nameProblem}
        onCommit={(name) => onRename(name.trim())}
        testId="sandbox-name"
      />
      {error && (
        <p className="sbx-why" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
