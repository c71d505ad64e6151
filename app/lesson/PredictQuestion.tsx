/**
 * Predict, then run: a step's question (a ```predict block), a field for the learner's guess, and once a
 * run that started after the guess has ended, the run's own answer (computed from its trace by the
 * lesson's checks.ts) and whether it agrees.
 */
import { useEffect, useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { Prediction } from '../../workers/course/predictions';
import type { RunSession } from '../engine/runSession';
import { HELP_BUTTONS, PREDICT_WORDS } from '../ui/labels';
import { renderInlineMarkdown } from './lessonMarkdown';
import { answerOf, runResultOf } from './predictionAnswers';
import '../styles/predict.css';

interface Props {
  prediction: Prediction;
  /** The exercise's checks.ts (from `lessons/`), whose `predictions` export answers. */
  checksPath: string;
  scenarioId: string;
  session: RunSession;
  seed: number;
}

interface Guess {
  value: number;
  /** The run on screen when the guess was made, if it had already ended: it does not get to decide. */
  seen: RunSession['index'] | undefined;
}

type Answer = { index: RunSession['index']; seed: number } & ({ value: number } | { error: string });

export function PredictQuestion({ prediction, checksPath, scenarioId, session, seed }: Props) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [guess, setGuess] = useState<Guess>();
  const [answer, setAnswer] = useState<Answer>();
  useSyncExternalStore(session.subscribe, session.getVersion);
  const { index, finished } = session;
  const decides = guess !== undefined && finished && guess.seen !== index;

  useEffect(() => {
    if (!decides) return;
    let live = true;
    const run = runResultOf(session, scenarioId, seed);
    answerOf(checksPath, prediction.answer, run).then(
      (value) => live && setAnswer({ index, seed, value }),
      (error: unknown) => live && setAnswer({ index, seed, error: String(error) }),
    );
    return () => {
      live = false;
    };
  }, [decides, index, session, scenarioId, seed, checksPath, prediction.answer]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const value = Number(draft);
    if (draft.trim() === '' || !Number.isFinite(value)) return;
    setGuess({ value, seen: finished ? index : undefined });
    setAnswer(undefined);
  };
  const shown = decides && answer?.index === index ? answer : undefined;
  const agrees =
    shown && 'value' in shown && guess && Math.abs(shown.value - guess.value) <= prediction.within;

  return (
    <section className="predict" aria-labelledby={`${id}-q`} data-testid="predict">
      <p className="predict-title">{PREDICT_WORDS.title}</p>
      {/* The question is our own prose, bundled at build time. */}
      <p
        className="predict-question"
        id={`${id}-q`}
        dangerouslySetInnerHTML={{ __html: renderInlineMarkdown(prediction.question) }}
      />
      {guess === undefined ? (
        <form className="predict-form" onSubmit={onSubmit}>
          <label htmlFor={`${id}-in`}>{PREDICT_WORDS.field}</label>
          <input
            id={`${id}-in`}
            type="number"
            inputMode="decimal"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="predict-input"
          />
          <button
            type="submit"
            className="button small primary"
            disabled={draft.trim() === ''}
            data-testid="predict-button"
          >
            {HELP_BUTTONS.predict}
          </button>
        </form>
      ) : (
        <div className="predict-made" role="status" data-testid="predict-status">
          <p>
            {PREDICT_WORDS.field}: <strong>{guess.value}</strong>
            {prediction.within > 0 && ` (±${prediction.within} counts as agreeing)`}.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setGuess(undefined)}
              data-testid="predict-change"
            >
              {PREDICT_WORDS.change}
            </button>
          </p>
          {!decides && <p>{guess.seen ? PREDICT_WORDS.rerun : PREDICT_WORDS.waiting}</p>}
          {shown && 'error' in shown && <p className="predict-verdict danger">{shown.error}</p>}
          {shown && 'value' in shown && (
            <p className={`predict-verdict ${agrees ? 'ok' : 'danger'}`} data-testid="predict-verdict">
              {agrees ? `✓ ${PREDICT_WORDS.agrees}` : `✕ ${PREDICT_WORDS.disagrees}`}: the answer on seed{' '}
              {shown.seed} is <strong data-testid="predict-answer">{shown.value}</strong>, you said{' '}
              {guess.value}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
