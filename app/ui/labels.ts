/**
 * The words the lesson page shows on its controls, in one place: the components render these, and a unit
 * test (`lessonWords.test.ts`) holds the lesson prose to them, so "press Run" can never drift from the
 * button's real name again.
 */

/** The run controls' buttons (RunControls). */
export const RUN_BUTTONS = {
  run: 'Run',
  runChanges: 'Run changes',
  pause: 'Pause',
  replay: 'Replay',
  step: 'Step',
  stepBack: 'Back',
  restart: 'Restart',
  check: 'Check',
} as const;

/** The run controls' fields. */
export const RUN_FIELDS = { speed: 'Speed', seed: 'Seed' } as const;

/** The tabs under the graph (BottomPanel). */
export const DETAIL_TABS = {
  console: 'Console',
  inspector: 'Inspector',
  sequence: 'Sequence',
  metrics: 'Metrics',
  checks: 'Checks',
  stats: 'Stats',
  traces: 'Traces',
} as const;

/** The Traces tab's words (TracesPanel): a trace's spans as a waterfall. */
export const TRACE_WORDS = {
  list: 'Traces',
  slowOnly: 'Slow only',
  slow: 'slow',
  slowMeaning: 'among the slowest tenth of the finished traces',
  open: 'no answer yet',
  noAnswer: 'no answer',
  error: 'error',
  none: 'No message of this run carries a trace context yet.',
  oneTree: 'One tree, every parent known.',
} as const;

/** The stats panel's words (StatsPanel): a budget's figures side by side. */
export const STATS_WORDS = {
  budget: 'Budget',
  yours: 'Your run',
  yoursNote: 'worst',
  target: 'Target',
  reference: 'Reference',
  best: 'Your best',
  atMost: 'at most',
  atLeast: 'at least',
  nothing: 'nothing to measure',
  noBest: 'none yet',
  noBudgets: 'This exercise’s checks set no budgets: nothing to measure here.',
} as const;

/** A predict question's words (PredictQuestion). */
export const PREDICT_WORDS = {
  title: 'Predict, then run',
  field: 'Your prediction',
  change: 'Change',
  waiting: 'Now press Run and let the run reach its end.',
  rerun: 'The run on screen had already ended: press Restart to see a run decide.',
  agrees: 'The run agrees',
  disagrees: 'The run disagrees',
} as const;

/** The fault menu's verbs and groups (FaultMenu). */
export const FAULT_MENU = {
  crash: 'Crash',
  restart: 'Restart',
  pause: 'Pause',
  resume: 'Resume',
  partition: 'Partition',
  bothWays: 'Both ways',
  heal: 'Heal',
  latency: 'Latency',
  loss: 'Loss',
} as const;

/** The constant latencies the fault menu offers for a link, in ms. */
export const LATENCY_CHOICES_MS: readonly number[] = [5, 50, 250, 1000];
/** The loss rates the fault menu offers for a link (fractions). */
export const LOSS_CHOICES: readonly number[] = [0, 0.1, 0.5, 1];

/** The help offered beside the lesson text (HintPanel). */
export const HELP_BUTTONS = {
  hint: 'Hint',
  nextHint: 'Another hint',
  showSolution: 'Show solution',
  applySolution: 'Apply solution',
  predict: 'Predict',
} as const;

/** Every label a lesson may tell the learner to press, click or open. */
export const UI_WORDS: ReadonlySet<string> = new Set<string>([
  ...Object.values(RUN_BUTTONS),
  ...Object.values(RUN_FIELDS),
  ...Object.values(DETAIL_TABS),
  ...Object.values(FAULT_MENU),
  ...Object.values(HELP_BUTTONS),
]);
