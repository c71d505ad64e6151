import { useMemo, useState } from 'react';
import outline from 'virtual:course-outline';
import type { ChapterOutline, LessonOutline } from '../../workers/course/course-outline';
import { loadProgress, type SavedProgress } from '../persistence/progress';
import { routeHref } from '../router/route';
import { TopBar } from '../shell/TopBar';
import { LessonStatusIcon, lessonStatus, type LessonStatus } from './lessonStatus';
import { ProgressTransfer } from './ProgressTransfer';

/** The chapter whose card also links to the sandbox (the book's conclusion: build your own). */
const SANDBOX_CHAPTER = 'conclusion';

interface LessonRow {
  lesson: LessonOutline;
  status: LessonStatus;
  progress: SavedProgress | undefined;
}

/** Home: the book's chapters, their lessons and how far the learner got in each. */
export function CourseMapPage() {
  const { chapters } = outline;
  // Bumped by an import: progress is read again.
  const [imports, setImports] = useState(0);
  const rows = useMemo(() => {
    const byLesson = new Map<string, LessonRow>();
    for (const chapter of chapters)
      for (const lesson of chapter.lessons) {
        const progress = loadProgress(lesson.id);
        byLesson.set(lesson.id, { lesson, progress, status: lessonStatus(progress) });
      }
    return byLesson;
    // `imports` stands for the saved progress, which React cannot see change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chapters, imports]);
  const all = [...rows.values()];
  const resume = all.find((r) => r.status === 'in-progress') ?? all.find((r) => r.status === 'not-started');
  const done = all.filter((r) => r.status === 'done').length;

  return (
    <div className="page course-page">
      <TopBar />
      <main className="course-map" data-testid="course-map">
        <section className="course-hero">
          <div>
            <p className="eyebrow">Designing Distributed Systems, hands on</p>
            <h1>Learn the patterns by running them</h1>
            <p className="lede">
              Every lesson is a small system of nodes on a simulated network. Run it, break it by crashing
              nodes and cutting links, change the code, and watch the pattern cope, one message at a time.
            </p>
          </div>
          <div className="course-hero-side">
            {resume && (
              <a
                className="button primary large"
                href={routeHref({
                  page: 'lesson',
                  lessonId: resume.lesson.id,
                  step: (resume.progress?.step ?? 0) + 1,
                })}
              >
                {resume.status === 'in-progress' ? 'Continue' : 'Start'}: {resume.lesson.title}
              </a>
            )}
            <a className="button" href={routeHref({ page: 'sandbox' })} data-testid="course-sandbox-link">
              Sandbox: build your own system
            </a>
            <p className="course-count">
              {done} of {all.length} lessons done
            </p>
            <ProgressTransfer
              lessonIds={all.map((r) => r.lesson.id)}
              onImported={() => setImports((n) => n + 1)}
            />
          </div>
        </section>
        <ol className="chapter-grid">
          {chapters.map((chapter) => (
            <ChapterCard key={chapter.id} chapter={chapter} rows={rows} />
          ))}
        </ol>
      </main>
    </div>
  );
}

function ChapterCard({ chapter, rows }: { chapter: ChapterOutline; rows: ReadonlyMap<string, LessonRow> }) {
  const sandbox = chapter.id === SANDBOX_CHAPTER;
  return (
    <li
      className={`chapter-card${chapter.lessons.length === 0 ? ' is-empty' : ''}`}
      data-testid={`chapter-${chapter.id}`}
    >
      <header>
        <span className="chapter-number">{String(chapter.number).padStart(2, '0')}</span>
        <div>
          <h2>{chapter.title}</h2>
          <p>{chapter.summary}</p>
        </div>
      </header>
      {chapter.lessons.length === 0 && !sandbox ? (
        <p className="chapter-empty">Lessons for this chapter are being written.</p>
      ) : (
        <ol className="lesson-list">
          {chapter.lessons.map((lesson) => {
            const row = rows.get(lesson.id);
            const status = row?.status ?? 'not-started';
            return (
              <li key={lesson.id}>
                <a
                  className="lesson-link"
                  href={routeHref({ page: 'lesson', lessonId: lesson.id, step: 1 })}
                  data-testid={`lesson-link-${lesson.id}`}
                  data-status={status}
                >
                  <LessonStatusIcon status={status} />
                  <span className="lesson-link-text">
                    <span className="lesson-link-title">{lesson.title}</span>
                    <span className="lesson-link-summary" title={lesson.summary}>
                      {lesson.summary}
                    </span>
                  </span>
                  <span className="lesson-link-meta">
                    {status === 'in-progress' && row?.progress
                      ? `step ${row.progress.step + 1} of ${lesson.stepCount}`
                      : status === 'done'
                        ? 'done'
                        : `${lesson.stepCount} steps`}
                  </span>
                </a>
              </li>
            );
          })}
          {sandbox && (
            <li>
              <a
                className="lesson-link"
                href={routeHref({ page: 'sandbox' })}
                data-testid="chapter-sandbox-link"
              >
                <svg className="status-icon sandbox-icon" viewBox="0 0 16 16" aria-hidden="true">
                  <rect
                    x="1.75"
                    y="1.75"
                    width="12.5"
                    height="12.5"
                    rx="3"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.5"
                  />
                  <path d="M8 5v6M5 8h6" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
                </svg>
                <span className="lesson-link-text">
                  <span className="lesson-link-title">Sandbox</span>
                  <span className="lesson-link-summary">
                    Build your own system from nothing: roles, nodes, links, faults and your code.
                  </span>
                </span>
                <span className="lesson-link-meta">free play</span>
              </a>
            </li>
          )}
        </ol>
      )}
    </li>
  );
}
