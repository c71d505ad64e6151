/**
 * Help when stuck: the exercise's hints one tier at a time (a nudge, the key idea, the key line), then the
 * solution, shown as a diff against the learner's code (never applied without their say).
 */
import { useState } from 'react';
import type { Hint } from '../catalog/hints';
import { HELP_BUTTONS } from '../ui/labels';
import { renderLessonMarkdown } from './lessonMarkdown';

interface Props {
  hints: Hint[];
  /** The exercise ships a solution to compare with. */
  hasSolution: boolean;
  onShowSolution(): void;
}

export function HintPanel({ hints, hasSolution, onShowSolution }: Props) {
  const [shown, setShown] = useState(0);
  if (hints.length === 0 && !hasSolution) return null;
  const more = shown < hints.length;
  return (
    <section className="hints" aria-label="Hints" data-testid="hints">
      <p className="hints-title">Stuck?</p>
      {hints.slice(0, shown).map((hint, i) => (
        <details key={i} open className="hint" data-testid={`hint-${i + 1}`}>
          <summary>
            Hint {i + 1} of {hints.length}: {hint.title}
          </summary>
          {/* Hints are our own content, bundled at build time, like the lesson prose. */}
          <div
            className="markdown"
            dangerouslySetInnerHTML={{ __html: renderLessonMarkdown(hint.markdown) }}
          />
        </details>
      ))}
      <div className="hints-actions">
        {more && (
          <button
            type="button"
            className="button small"
            onClick={() => setShown(shown + 1)}
            data-testid="hint-button"
          >
            {shown === 0 ? HELP_BUTTONS.hint : HELP_BUTTONS.nextHint}
          </button>
        )}
        {hasSolution && (!more || shown > 0) && (
          <button
            type="button"
            className="button small ghost"
            onClick={onShowSolution}
            data-testid="show-solution"
          >
            {HELP_BUTTONS.showSolution}
          </button>
        )}
      </div>
    </section>
  );
}
