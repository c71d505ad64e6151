import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import type { Prediction } from '../../workers/course/predictions';
import { renderLessonMarkdown } from './lessonMarkdown';
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
  /** A narrated moment was clicked: seek there and select its nodes. */
  onMoment?(t: number, nodes: string[]): void;
  /** A predict question of the step, mounted where its block stands in the text. */
  renderPrediction?(prediction: Prediction, index: number): ReactNode;
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
  onMoment,
  renderPrediction,
}: Props) {
  const current = lesson.steps[step];
  const html = useMemo(() => renderLessonMarkdown(current?.markdown ?? ''), [current]);
  const onProseClick = (e: MouseEvent<HTMLDivElement>) => {
    const moment = (e.target as Element).closest<HTMLElement>('[data-moment-t]');
    if (!moment || !onMoment) return;
    const nodes = (moment.dataset.momentNodes ?? '').split(',').filter(Boolean);
    onMoment(Number(moment.dataset.momentT), nodes);
  };
  // The slots the markdown left for predict questions: found once the HTML is in the page.
  const markdownRef = useRef<HTMLDivElement>(null);
  const [slots, setSlots] = useState<{ html: string; elements: HTMLElement[] }>();
  useLayoutEffect(() => {
    const elements = [...(markdownRef.current?.querySelectorAll<HTMLElement>('[data-predict]') ?? [])];
    setSlots({ html, elements });
  }, [html]);
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
        {/* The moments inside are buttons; the click is handled here, once for all of them. */}
        <div
          className="markdown"
          ref={markdownRef}
          dangerouslySetInnerHTML={{ __html: html }}
          onClick={onProseClick}
        />
        {renderPrediction &&
          slots?.html === html &&
          slots.elements.map((element, i) => {
            const prediction = current?.predictions[i];
            return prediction && createPortal(renderPrediction(prediction, i), element, `${step}-${i}`);
          })}
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
