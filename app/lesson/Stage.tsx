/**
 * The middle of the lesson page: the live graph (the hero), the run controls, the timeline with the
 * playback cursor and the faults, and the run details underneath.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { RunConfig } from '../../workers/host/control-api';
import type { FaultSpec, TraceEvent } from '../../workers/kernel/protocol';
import type { CheckResult } from '../../workers/host/headless';
import type { RunnableExercise } from '../catalog/types';
import { NetworkGraph } from '../views/graph/NetworkGraph';
import { Timeline } from '../views/timeline/Timeline';
import { CheckResults } from '../check/CheckResults';
import type { CheckCallbacks, CheckOutcome, CheckProgress } from '../check/runChecks';
import { BottomPanel, type DetailsTab } from './BottomPanel';
import { faultLabel } from './faultLabels';
import { FaultMenu, type FaultTarget } from './FaultMenu';
import { ResizeHandle } from './ResizeHandle';
import { RunControls } from './RunControls';
import { RunStatusLine } from './RunStatusLine';
import { BranchSwitcher } from './BranchSwitcher';
import { CompareLine } from './CompareLine';
import { selectCanInject, selectCompileErrors, selectFailure, selectStatus } from '../machines/runSelectors';
import { useDetailsHeight } from './useDetailsHeight';
import { StatsPanel } from '../views/stats/StatsPanel';
import { useBudgetStats } from '../views/stats/useBudgetStats';
import type { useLessonRun } from './useLessonRun';
import { useRunView } from './useLessonRun';

/** Runs an exercise's checks over its seeds (a lesson's: `runChecks`). */
export type CheckRunner = (roles: RunConfig['roles'], callbacks: CheckCallbacks) => Promise<CheckOutcome>;

interface Props {
  lesson: RunnableExercise;
  run: ReturnType<typeof useLessonRun>;
  /** The exercise's checks; without them there is no Check button and the Checks tab shows `noChecks`. */
  check?: CheckRunner | undefined;
  noChecks?: ReactNode;
  /** Every check passed on every seed, for the code now in the editor. */
  onChecksPassed?(exercise: string): void;
  /** Nodes to select from outside (a narrated moment); a new object each time it is asked. */
  focus?: { nodes: string[] } | undefined;
  /** Shown over the empty graph while there is nothing to run (default: "Starting the nodes…"). */
  notReady?: ReactNode;
}

/** What a check outcome was computed for: it goes stale when the code changes. */
interface CheckRun {
  running: boolean;
  outcome?: CheckOutcome;
  roles?: RunConfig['roles'];
  progress?: CheckProgress;
}

const sameCode = (a: RunConfig['roles'] | undefined, b: RunConfig['roles'] | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.length === b.length &&
  a.every((r, i) => r.role === b[i]?.role && r.source === b[i]?.source);

/**
 * The faults the nemesis drew for this run: its event is recorded at t = 0 before any node runs, so only the
 * trace's t = 0 prefix is searched (a search of the whole trace, every frame, grew with the run).
 */
function drawnFaults(events: readonly TraceEvent[]): FaultSpec[] {
  for (const e of events) {
    if (e.t > 0) break;
    if (e.kind === 'nemesis') return e.faults;
  }
  return [];
}

const allPassed = (outcome: CheckOutcome | undefined) =>
  outcome?.kind === 'results' && outcome.results.length > 0 && outcome.results.every((r) => r.passed);

export function Stage({ lesson, run, check: runCheck, noChecks, onChecksPassed, focus, notReady }: Props) {
  const { session, playback, state, commands } = run;
  const view = useRunView(session, playback);
  const waiting = useSyncExternalStore(playback.subscribe, () => playback.waiting);
  const [selected, setSelected] = useState<string>();
  // A focus request selects its first node (adjusted while rendering: state that follows a prop).
  const [focused, setFocused] = useState(focus);
  if (focus !== focused) {
    setFocused(focus);
    if (focus?.nodes[0]) setSelected(focus.nodes[0]);
  }
  const [faultTarget, setFaultTarget] = useState<FaultTarget>();
  const [tab, setTab] = useState<DetailsTab>('console');
  const [check, setCheck] = useState<CheckRun>({ running: false });
  const [bottomHeight, setBottomHeight] = useDetailsHeight();
  const roles = useMemo(() => lesson.roles.map((r) => r.role), [lesson]);
  const { config } = run;
  // The scenario's fixed faults, and those its nemesis drew for this seed (the trace's first events).
  const drawn = drawnFaults(session.events);
  const plannedFaults = [...(config?.scenario.faults ?? []), ...drawn].sort((a, b) => a.at - b.at);
  // The timeline puts the time before each label itself (its tooltip and the marker's title).
  const timelineFaults = plannedFaults.map((f) => ({ at: f.at, label: faultLabel(f) }));
  const canInject = selectCanInject(state, config);
  // Results of code that has since changed would blame code that is no longer there.
  const checkOutcome = check.running || sameCode(check.roles, config?.roles) ? check.outcome : undefined;
  const checkStale = !check.running && check.outcome !== undefined && checkOutcome === undefined;
  const stats = useBudgetStats(lesson.id, checkOutcome);
  useEffect(() => {
    if (allPassed(checkOutcome)) onChecksPassed?.(lesson.id);
  }, [checkOutcome, lesson.id, onChecksPassed]);

  // The view of the last commit, for the click handlers: they read it when clicked, so they need not
  // change every frame (each change re-rendered every node and every link of the graph).
  const shown = useRef(view);
  useLayoutEffect(() => {
    shown.current = view;
  }, [view]);
  const onNodeClick = useCallback(
    (id: string, anchor: DOMRect) => {
      setSelected(id);
      setTab('inspector');
      const status = shown.current.nodes.find((n) => n.id === id)?.status;
      if (canInject) setFaultTarget({ kind: 'node', id, status, anchor });
    },
    [canInject],
  );
  const onLinkClick = useCallback(
    (from: string, to: string, anchor: DOMRect) => {
      if (!canInject) return;
      const blocked = (a: string, b: string) => shown.current.blocked.some((p) => p.from === a && p.to === b);
      setFaultTarget({
        kind: 'link',
        from,
        to,
        blockedForward: blocked(from, to),
        blockedBack: blocked(to, from),
        anchor,
      });
    },
    [canInject],
  );
  const closeMenu = useCallback(() => setFaultTarget(undefined), []);
  const onSelect = useCallback((id: string) => {
    setSelected(id);
    setTab('inspector');
  }, []);
  const onReplay = useCallback(
    (failure: CheckResult, schedule?: FaultSpec[]) => {
      commands.replayAt(failure.seed, failure.at, schedule);
      // The nodes the check names: the first is selected (ringed in the graph, shown in the inspector).
      if (failure.nodes?.[0]) setSelected(failure.nodes[0]);
    },
    [commands],
  );
  // A shrink still running after its Check's results are shown: the next Check, or leaving, stops it.
  const checking = useRef<AbortController>(undefined);
  useEffect(() => () => checking.current?.abort(), []);
  const onCheck = useCallback(() => {
    if (!config || !runCheck) return;
    commands.consent();
    setTab('checks');
    const roles = config.roles;
    checking.current?.abort();
    const controller = new AbortController();
    checking.current = controller;
    setCheck({ running: true, roles });
    void runCheck(roles, {
      onProgress: (progress) => setCheck({ running: true, roles, progress }),
      onShrunk: (shrunk) =>
        setCheck((c) =>
          c.roles === roles && c.outcome?.kind === 'results'
            ? { ...c, outcome: { ...c.outcome, shrinking: undefined, ...(shrunk ? { shrunk } : {}) } }
            : c,
        ),
      signal: controller.signal,
    }).then((outcome) => setCheck({ running: false, outcome, roles }));
  }, [config, runCheck, commands]);

  const errors = selectCompileErrors(state, config);
  const failure = selectFailure(state);
  const blocked = errors.length > 0 || failure !== undefined;
  return (
    <section className="stage" aria-label="The running system">
      <div className={`graph-area${blocked ? ' is-blocked' : ''}`} data-testid="graph">
        <NetworkGraph
          view={view}
          roles={roles}
          selected={selected}
          onNodeClick={onNodeClick}
          onLinkClick={onLinkClick}
        />
        {blocked && (
          <div className="stage-banner danger" role="alert" data-testid="run-blocked">
            {errors.length > 0 ? (
              <>
                <strong>The code does not compile, so the run is blocked.</strong>
                <span>
                  {errors[0]?.file}:{errors[0]?.line} {errors[0]?.message}
                  {errors.length > 1 && ` (and ${errors.length - 1} more)`}
                </span>
              </>
            ) : (
              <>
                <strong>The run stopped.</strong>
                <span>{failure}</span>
              </>
            )}
          </div>
        )}
        {run.held ? (
          <div className="stage-banner" role="status" data-testid="run-held">
            <strong>Someone else’s code from a share link is in the editor. It has not run.</strong>
            <span>Read it first; it runs only when you press Run or Check.</span>
          </div>
        ) : notReady && view.nodes.length > 0 ? (
          <div className="stage-banner" role="status" data-testid="run-not-ready">
            {notReady}
          </div>
        ) : (
          view.nodes.length === 0 &&
          selectStatus(state) !== 'failed' && (
            <div className="stage-empty" data-testid="stage-empty">
              {notReady ?? 'Starting the nodes…'}
            </div>
          )
        )}
        {canInject && view.nodes.length > 0 && (
          <p className="graph-hint">Click a node or a link to inject a fault</p>
        )}
      </div>
      <div className="transport">
        <RunControls
          state={state}
          config={config}
          speed={run.speed}
          seed={run.seed}
          onToggle={commands.toggle}
          onStep={commands.step}
          onStepBack={commands.stepBack}
          onRestart={commands.restart}
          onSpeed={commands.setSpeed}
          onSeed={commands.setSeed}
          onCheck={runCheck && onCheck}
          checking={check.running}
        />
        <div className="transport-time">
          <RunStatusLine
            state={state}
            config={config}
            t={view.t}
            until={lesson.scenario.until}
            skipping={playback.skipping}
            waiting={waiting}
          />
          <Timeline
            duration={lesson.scenario.until}
            t={view.t}
            reachedMs={session.reachedMs}
            events={session.events}
            faults={timelineFaults}
            onSeek={commands.seek}
          />
        </div>
        <CompareLine
          divergence={session.divergence}
          against={session.comparedWith}
          finished={session.finished}
          onSeek={commands.seek}
        />
        <BranchSwitcher
          branches={session.branches}
          current={config?.scenario.faults ?? []}
          onSwitch={commands.switchBranch}
        />
        {run.addedFaults.length > 0 && (
          <p className="added-faults">
            You added {run.addedFaults.length} fault{run.addedFaults.length > 1 ? 's' : ''} to this run;
            restarts replay {run.addedFaults.length > 1 ? 'them' : 'it'}.
            <button
              type="button"
              className="link-button"
              onClick={commands.clearFaults}
              data-testid="clear-faults"
            >
              Remove
            </button>
          </p>
        )}
      </div>
      <ResizeHandle
        orientation="horizontal"
        size={bottomHeight}
        direction={-1}
        onResize={setBottomHeight}
        label="Resize the run details"
      />
      <div className="details-area" style={{ height: bottomHeight }}>
        <BottomPanel
          tab={tab}
          onTab={setTab}
          view={view}
          events={session.events}
          duration={lesson.scenario.until}
          selected={selected}
          onSelect={onSelect}
          onSeek={commands.seek}
          metrics={lesson.scenario.metrics ?? []}
          roles={roles}
          checks={
            runCheck ? (
              <CheckResults
                outcome={checkOutcome}
                stale={checkStale}
                running={check.running}
                progress={check.progress}
                onReplay={onReplay}
              />
            ) : (
              noChecks
            )
          }
          stats={<StatsPanel rows={stats.rows} bests={stats.bests} running={check.running} />}
        />
      </div>
      {faultTarget && (
        <FaultMenu
          target={faultTarget}
          at={Math.floor(view.t)}
          onInject={commands.inject}
          onClose={closeMenu}
        />
      )}
    </section>
  );
}
