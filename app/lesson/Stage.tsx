/**
 * The middle of the lesson page: the live graph (the hero), the run controls, the timeline with the
 * playback cursor and the faults, and the run details underneath.
 */
import { useCallback, useMemo, useState } from 'react';
import type { LessonEntry } from '../catalog/types';
import { NetworkGraph } from '../views/graph/NetworkGraph';
import { Timeline } from '../views/timeline/Timeline';
import { CheckResults } from '../check/CheckResults';
import { runChecks, type CheckOutcome, type CheckProgress } from '../check/runChecks';
import { BottomPanel, type DetailsTab } from './BottomPanel';
import { faultLabel } from './faultLabels';
import { formatMs } from '../format/time';
import { FaultMenu, type FaultTarget } from './FaultMenu';
import { ResizeHandle, usePaneSize } from './ResizeHandle';
import { RunControls } from './RunControls';
import { RunStatusLine } from './RunStatusLine';
import type { useLessonRun } from './useLessonRun';
import { useRunView } from './useLessonRun';

interface Props {
  lesson: LessonEntry;
  run: ReturnType<typeof useLessonRun>;
}

export function Stage({ lesson, run }: Props) {
  const { session, playback, state, commands } = run;
  const view = useRunView(session, playback);
  const [selected, setSelected] = useState<string>();
  const [faultTarget, setFaultTarget] = useState<FaultTarget>();
  const [tab, setTab] = useState<DetailsTab>('console');
  const [check, setCheck] = useState<{ running: boolean; outcome?: CheckOutcome; progress?: CheckProgress }>({
    running: false,
  });
  const [bottomHeight, setBottomHeight] = usePaneSize(
    'details',
    () => Math.round(Math.min(320, Math.max(150, window.innerHeight * 0.26))),
    120,
    560,
  );
  const roles = useMemo(() => lesson.roles.map((r) => r.role), [lesson]);
  const { config } = run;
  // The scenario's fixed faults, and those its nemesis drew for this seed (the trace's first events).
  const drawn = session.events.find((e) => e.kind === 'nemesis');
  const plannedFaults = [
    ...(config?.scenario.faults ?? []),
    ...(drawn?.kind === 'nemesis' ? drawn.faults : []),
  ].sort((a, b) => a.at - b.at);
  const timelineFaults = plannedFaults.map((f) => ({
    at: f.at,
    label: `${formatMs(f.at)}: ${faultLabel(f)}`,
  }));
  const canInject =
    config !== undefined && state.can({ type: 'INJECT', fault: { at: 0, kind: 'heal-all' }, config });

  const onNodeClick = useCallback(
    (id: string, anchor: DOMRect) => {
      setSelected(id);
      setTab('inspector');
      if (canInject)
        setFaultTarget({ kind: 'node', id, status: view.nodes.find((n) => n.id === id)?.status, anchor });
    },
    [canInject, view.nodes],
  );
  const onLinkClick = useCallback(
    (from: string, to: string, anchor: DOMRect) => {
      if (!canInject) return;
      const blocked = (a: string, b: string) => view.blocked.some((p) => p.from === a && p.to === b);
      setFaultTarget({
        kind: 'link',
        from,
        to,
        blockedForward: blocked(from, to),
        blockedBack: blocked(to, from),
        anchor,
      });
    },
    [canInject, view.blocked],
  );
  const closeMenu = useCallback(() => setFaultTarget(undefined), []);
  const onSelect = useCallback((id: string) => {
    setSelected(id);
    setTab('inspector');
  }, []);
  const onCheck = useCallback(() => {
    if (!config) return;
    commands.consent();
    setTab('checks');
    setCheck({ running: true });
    void runChecks(lesson, config.roles, (progress) => setCheck({ running: true, progress })).then(
      (outcome) => setCheck({ running: false, outcome }),
    );
  }, [config, lesson, commands]);

  const { errors, failure } = state.context;
  return (
    <section className="stage" aria-label="The running system">
      <div className={`graph-area${state.matches('failed') ? ' is-blocked' : ''}`} data-testid="graph">
        <NetworkGraph
          view={view}
          roles={roles}
          selected={selected}
          onNodeClick={onNodeClick}
          onLinkClick={onLinkClick}
        />
        {state.matches('failed') && (
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
        ) : (
          view.nodes.length === 0 &&
          !state.matches('failed') && <div className="stage-empty">Starting the nodes…</div>
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
          onRestart={commands.restart}
          onSpeed={commands.setSpeed}
          onSeed={commands.setSeed}
          onCheck={onCheck}
          checking={check.running}
        />
        <div className="transport-time">
          <RunStatusLine
            state={state}
            t={view.t}
            until={lesson.scenario.until}
            skipping={playback.skipping}
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
            <CheckResults
              outcome={check.outcome}
              running={check.running}
              progress={check.progress}
              onReplaySeed={commands.setSeed}
            />
          }
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
