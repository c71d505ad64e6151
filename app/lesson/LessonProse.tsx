import { marked } from 'marked';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { LessonEntry } from '../catalog/types';

interface Props {
  lesson: LessonEntry;
  step: number;
  canPrevious: boolean;
  canNext: boolean;
  onPrevious(): void;
  onNext(): void;
  onGoTo(step: number): void;
  /** This step's exercise passed its checks. */
  passed: boolean;
  nextLesson?: { title: string; href: string };
  /** Help for the step's exercise (hints, the solution), below the text. */
  help?: ReactNode;
}

/** The lesson text, one step at a time, with the way forward always at the bottom. */
export function LessonProse({
  lesson,
  step,
  canPrevious,
  canNext,
  onPrevious,
  onNext,
  onGoTo,
  passed,
  nextLesson,
  help,
}: Props) {
  const current = lesson.steps[step];
  // Lesson prose is our own content, bundled at build time: rendering its HTML is safe.
  const html = useMemo(() => marked.parse(current?.markdown ?? '', { async: false }), [current]);
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [step]);

  return (
    <section className="prose-pane" aria-label="Lesson">
      <div className="prose-scroll" ref={scroller}>
        <header className="prose-header">
          <p className="eyebrow">
            Step {step + 1} of {lesson.steps.length}
          </p>
          <h1 data-testid="lesson-title">{lesson.title}</h1>
          {passed && (
            <p className="exercise-passed" data-testid="exercise-passed">
              ✓ This exercise passed its checks
            </p>
          )}
          <ol className="step-dots" aria-label="Steps">
            {lesson.steps.map((s, i) => (
              <li key={i}>
                <button
                  type="button"
                  className={i === step ? 'current' : i < step ? 'before' : ''}
                  onClick={() => onGoTo(i)}
                  title={s.title}
                  aria-label={`Step ${i + 1}: ${s.title}`}
                  aria-current={i === step ? 'step' : undefined}
                />
              </li>
            ))}
          </ol>
        </header>
        <h2 className="step-title" data-testid="step-title">
          {current?.title}
        </h2>
        <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
        {help}
      </div>
      <nav className="step-nav" aria-label="Step navigation">
        {/* An arrow only: the column is narrow, and the next step's title is what the learner needs to read. */}
        <button
          type="button"
          className="button step-previous"
          onClick={onPrevious}
          disabled={!canPrevious}
          aria-label="Previous step"
          title={canPrevious ? `Previous: ${lesson.steps[step - 1]?.title ?? ''}` : 'This is the first step'}
        >
          ←
        </button>
        {canNext ? (
          <button
            type="button"
            className="button primary"
            onClick={onNext}
            data-testid="next-step"
            title={`Next: ${lesson.steps[step + 1]?.title ?? ''}`}
          >
            <span>Next: {lesson.steps[step + 1]?.title}</span> →
          </button>
        ) : nextLesson ? (
          <a className="button primary" href={nextLesson.href}>
            Next lesson →
          </a>
        ) : (
          <a className="button" href="#/">
            Course map
          </a>
        )}
      </nav>
    </section>
  );
}
