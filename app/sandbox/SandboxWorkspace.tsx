/**
 * A sandbox: the lesson page's layout and run view, with the scenario form where the prose would be. The
 * form's data is validated on every change; a valid scenario becomes the exercise the run view, the editor
 * and the saved code use (`buildSandbox`). While it is invalid the last valid one stays on screen and
 * nothing new runs.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CodePanel } from '../editor/CodePanel';
import { SaveStatus } from '../editor/SaveStatus';
import { Stage } from '../lesson/Stage';
import { ResizeHandle } from '../lesson/ResizeHandle';
import { useExerciseCode } from '../lesson/useLessonCode';
import { useLessonRun } from '../lesson/useLessonRun';
import { useRunProbe } from '../lesson/useRunProbe';
import { useRunShortcuts } from '../lesson/useRunShortcuts';
import { useWorkspaceColumns } from '../lesson/useWorkspaceColumns';
import { selectCompileErrors, selectStatus } from '../machines/runSelectors';
import { moveRoleCode, type SandboxRecord } from '../persistence/sandboxStore';
import { consent as consentToRun, settleShare, showOwn, showShared } from '../persistence/shareVersions';
import { routeHref } from '../router/route';
import { ShareButton } from '../share/ShareButton';
import { linkTooLong } from '../share/shareLink';
import { ShareNotice } from '../share/ShareNotice';
import { TopBar } from '../shell/TopBar';
import { useTheme } from '../theme/useTheme';
import { buildSandbox, sandboxStarters } from './buildSandbox';
import { encodeSandboxShare } from './sandboxLink';
import { SandboxPicker } from './SandboxPicker';
import { emptyScenario, validateSandbox, type SandboxScenario } from './sandboxSchema';
import { ScenarioPanel } from './ScenarioPanel';
import { useSandboxRecord } from './useSandboxRecord';
import '../styles/lessonLayout.css';
import '../styles/stage.css';
import '../styles/panels.css';
import '../styles/faultMenu.css';
import '../styles/checks.css';
import '../styles/share.css';
import '../styles/codeHistory.css';
import './sandbox.css';

interface Props {
  initial: SandboxRecord;
  /** A share link that could not be opened, and why. */
  linkError?: string | undefined;
  onDismissLinkError(): void;
}

export function SandboxWorkspace({ initial, linkError, onDismissLinkError }: Props) {
  const { record, update, save, flush } = useSandboxRecord(initial);
  const checked = useMemo(() => validateSandbox(record.scenario), [record.scenario]);
  const problems = checked.ok ? [] : checked.problems;

  // The last valid scenario is what runs and what the editor shows, kept by value (its JSON).
  const validKey = checked.ok ? JSON.stringify(checked.scenario) : undefined;
  const [goodKey, setGoodKey] = useState(() => validKey ?? JSON.stringify(emptyScenario()));
  if (validKey !== undefined && validKey !== goodKey) setGoodKey(validKey);
  const good = useMemo(() => JSON.parse(goodKey) as SandboxScenario, [goodKey]);
  const exercise = useMemo(() => buildSandbox(record.id, good), [record.id, good]);
  // Only the role names make starters: a new node count or latency must not reopen the files.
  const roleKey = JSON.stringify(good.roles.map((r) => r.name));
  const loadStarters = useCallback(
    () => Promise.resolve(sandboxStarters(JSON.parse(roleKey) as string[])),
    [roleKey],
  );
  const code = useExerciseCode(exercise.id, loadStarters);
  const store = code.store;
  const complete =
    code.sources !== undefined && exercise.roles.every((r) => code.sources?.[r.role] !== undefined);
  const runnable = checked.ok && validKey === goodKey && good.roles.length > 0 && complete;
  const consent = useCallback(() => store && consentToRun(store), [store]);
  const [start] = useState(() => initial.start ?? { seed: 1, faults: [] });
  const run = useLessonRun(exercise, runnable ? code.sources : undefined, start, {
    held: code.files?.held ?? false,
    consent,
  });
  useRunShortcuts(run.commands);
  useRunProbe(exercise.id, run);
  const columns = useWorkspaceColumns();
  const { resolved: theme } = useTheme();

  // A changed system shows at time 0 at once when nothing plays (a new role appears in the graph).
  const { state, config, commands, held } = run;
  const status = selectStatus(state);
  const shownKey = useRef(goodKey);
  useEffect(() => {
    if (!config || held || shownKey.current === goodKey) return;
    shownKey.current = goodKey;
    if (status === 'paused' || status === 'finished' || status === 'failed') commands.replayAt(run.seed, 0);
  }, [config, held, goodKey, status, commands, run.seed]);

  const renameRole = useCallback(
    async (index: number, name: string) => {
      const old = record.scenario.roles[index]?.name;
      if (old === undefined || old === name) return;
      // The code moves with the name; the links and faults that named the role or its nodes follow it.
      await store?.flush();
      await moveRoleCode(record.id, old, name).catch(() => undefined);
      const rename = (n: string) => (n === old ? name : n);
      const ofNode = /^(.+)-(\d+)$/;
      const renameNode = (n: string) => {
        const m = ofNode.exec(n);
        return m?.[1] === old ? `${name}-${m[2]}` : rename(n);
      };
      update((r) => ({
        ...r,
        scenario: {
          ...r.scenario,
          roles: r.scenario.roles.map((role, k) => (k === index ? { ...role, name } : role)),
          links: r.scenario.links.map((l) => ({ ...l, from: rename(l.from), to: rename(l.to) })),
          faults: r.scenario.faults.map((f) => ({
            ...f,
            node: renameNode(f.node),
            peer: renameNode(f.peer),
          })),
        },
      }));
    },
    [record.id, record.scenario.roles, store, update],
  );

  const makeShareUrl = useCallback(() => {
    if (!checked.ok) return { error: 'Fix the scenario first: a share link carries a sandbox that runs.' };
    const text = encodeSandboxShare({
      name: record.name,
      scenario: checked.scenario,
      seed: run.seed,
      code: code.sources ?? {},
      faults: run.addedFaults,
    });
    const tooLong = linkTooLong(text);
    if (tooLong) return { error: `This sandbox is too big for a share link: ${tooLong}.` };
    return `${location.origin}${location.pathname}${location.search}${routeHref({ page: 'sandbox', share: text })}`;
  }, [checked, record.name, run.seed, run.addedFaults, code.sources]);

  const notReady =
    good.roles.length === 0 && checked.ok
      ? 'An empty sandbox. Add a role on the left, then press Run.'
      : !checked.ok
        ? 'The scenario has a problem (see the left): nothing new runs until it is fixed.'
        : undefined;

  return (
    <div className="page lesson-page sandbox-page" data-testid="sandbox-page">
      <TopBar crumbs={[{ label: 'Course', href: '#/' }, { label: 'Sandbox' }, { label: record.name }]}>
        <ShareButton makeUrl={makeShareUrl} />
      </TopBar>
      <ShareNotice
        error={linkError}
        files={code.files}
        kept={undefined}
        onShowShared={() => store && void showShared(store)}
        onShowOwn={() => store && void showOwn(store)}
        onDismiss={() => {
          if (linkError) onDismissLinkError();
          else if (store) void settleShare(store);
        }}
      />
      <main className="workspace" style={{ gridTemplateColumns: columns.gridTemplateColumns }}>
        <ScenarioPanel
          scenario={record.scenario}
          problems={problems}
          onChange={(scenario) => update((r) => ({ ...r, scenario }))}
          onRenameRole={(i, name) => void renameRole(i, name)}
          header={
            <>
              <SandboxPicker
                current={record}
                onRename={(name) => update((r) => ({ ...r, name }))}
                flush={async () => {
                  await flush();
                  await store?.flush();
                }}
              />
              <p className="sbx-saved">
                <SaveStatus save={save} />
              </p>
            </>
          }
        />
        <ResizeHandle
          orientation="vertical"
          size={columns.sideWidth}
          direction={1}
          onResize={columns.setSideWidth}
          label="Resize the scenario"
        />
        <Stage
          lesson={exercise}
          run={run}
          notReady={notReady}
          noChecks={
            <p className="sbx-no-checks" data-testid="no-checks">
              A sandbox has no checks: it is your system, and you decide what right looks like. Watch the
              console, the sequence and the inspector, or log what you expect from your nodes.
            </p>
          }
        />
        <ResizeHandle
          orientation="vertical"
          size={columns.codeWidth}
          direction={-1}
          onResize={columns.setCodeWidth}
          label="Resize the code"
        />
        {exercise.roles.length > 0 && complete ? (
          // The editor keeps one model per role for its life: a new set of roles is a new editor, opened
          // once every role's code is read (a model made before would start empty).
          <CodePanel
            key={`${exercise.id}:${roleKey}`}
            lesson={exercise}
            code={code}
            errors={selectCompileErrors(run.state, run.config)}
            theme={theme}
            onRerun={run.commands.restart}
            solutionOpen={false}
            onCloseSolution={() => undefined}
          />
        ) : (
          <section className="code-pane sbx-no-code" aria-label="Code">
            <p>
              {exercise.roles.length > 0
                ? 'Loading the code…'
                : 'No roles yet. Add one on the left and its code opens here, ready to edit.'}
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
