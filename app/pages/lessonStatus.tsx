import type { SavedProgress } from '../persistence/progress';

export type LessonStatus = 'not-started' | 'in-progress' | 'done';

export function lessonStatus(progress: SavedProgress | undefined): LessonStatus {
  if (!progress) return 'not-started';
  return progress.completed ? 'done' : 'in-progress';
}

const labels: Record<LessonStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
};

/** A ring that fills as the learner goes: empty, half, checked. */
export function LessonStatusIcon({ status }: { status: LessonStatus }) {
  return (
    <svg className={`status-icon ${status}`} viewBox="0 0 16 16" role="img" aria-label={labels[status]}>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      {status === 'in-progress' && <path d="M8 1.5a6.5 6.5 0 0 1 0 13Z" fill="currentColor" />}
      {status === 'done' && (
        <>
          <circle cx="8" cy="8" r="7.25" fill="currentColor" />
          <path
            d="M4.8 8.3 7 10.4l4.3-4.6"
            fill="none"
            stroke="var(--panel)"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
    </svg>
  );
}
