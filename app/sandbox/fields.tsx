/**
 * The sandbox form's inputs. A number field keeps the text the learner is typing (an emptied field is
 * NaN, which the schema names) and hands each change on at once; a name field commits on Enter or when it
 * loses focus, since renaming a role moves its code; a choice field picks among names.
 */
import { useId, useState, type ReactNode } from 'react';

interface NumberProps {
  label: string;
  value: number;
  unit?: string;
  onChange(value: number): void;
  invalid?: boolean;
  testId?: string;
  step?: number;
}

export function NumberField({ label, value, unit, onChange, invalid, testId, step = 1 }: NumberProps) {
  const id = useId();
  const [draft, setDraft] = useState<string>();
  const shown = draft ?? (Number.isNaN(value) ? '' : String(value));
  return (
    <span className="sbx-field">
      <label htmlFor={id}>{label}</label>
      <span className="sbx-number">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          step={step}
          value={shown}
          aria-invalid={invalid || undefined}
          data-testid={testId}
          onChange={(e) => {
            setDraft(e.target.value);
            onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value));
          }}
          onBlur={() => setDraft(undefined)}
        />
        {unit && <span className="sbx-unit">{unit}</span>}
      </span>
    </span>
  );
}

interface NameProps {
  label: string;
  value: string;
  /** Why `next` cannot be taken, or undefined when it can. */
  problem(next: string): string | undefined;
  onCommit(next: string): void;
  testId?: string;
  /** A problem the whole scenario has with this field (a clash found elsewhere). */
  invalid?: boolean;
}

export function NameField({ label, value, problem, onCommit, testId, invalid }: NameProps) {
  const id = useId();
  const [draft, setDraft] = useState<string>();
  const why = draft !== undefined && draft !== value ? problem(draft) : undefined;
  const commit = () => {
    if (draft === undefined || draft === value) return setDraft(undefined);
    if (problem(draft) === undefined) {
      onCommit(draft);
      setDraft(undefined);
    }
  };
  return (
    <span className="sbx-field sbx-name">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={draft ?? value}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={why !== undefined || invalid || undefined}
        aria-describedby={why ? `${id}-why` : undefined}
        data-testid={testId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          // The page's shortcuts (Space, ., Ctrl+Enter) must not fire while typing a name.
          e.stopPropagation();
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(undefined);
        }}
      />
      {why && (
        <span className="sbx-why" id={`${id}-why`} role="alert">
          {why}
        </span>
      )}
    </span>
  );
}

export function Section({
  title,
  action,
  children,
  hint,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <section className="sbx-section" aria-label={title}>
      <header>
        <h2>{title}</h2>
        {action}
      </header>
      {hint && <p className="sbx-hint">{hint}</p>}
      {children}
    </section>
  );
}

/**
 * A pick among names (a link's role, a fault's node). A value that is not among them (a role since removed)
 * stays shown as such, so the problem beside it makes sense.
 */
export function ChoiceField(props: {
  label: string;
  value: string;
  names: readonly string[];
  invalid: boolean;
  onChange(name: string): void;
  testId: string;
  /** How a name reads in the menu (default: itself). */
  labelOf?: (name: string) => string;
  /** What a missing value is called: "role" for “x (not a role)”. */
  noun?: string;
}) {
  const { label, value, names, invalid, onChange, testId, labelOf = (n) => n, noun = 'role' } = props;
  const missing = !names.includes(value);
  return (
    <label className="sbx-field">
      <span>{label}</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        data-testid={testId}
      >
        {missing && (
          <option value={value}>{value === '' ? `(pick a ${noun})` : `${value} (not a ${noun})`}</option>
        )}
        {names.map((n) => (
          <option key={n} value={n}>
            {labelOf(n)}
          </option>
        ))}
      </select>
    </label>
  );
}
