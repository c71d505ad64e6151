import { getCatalog } from '../catalog/catalog';
import { exerciseAt } from '../catalog/types';
import { LessonWorkspace } from '../lesson/LessonWorkspace';
import { TopBar } from '../shell/TopBar';

/** `#/lesson/<id>/<step>`: the lesson, or a way back when the link is stale. */
export default function LessonPage({
  lessonId,
  step,
  share,
}: {
  lessonId: string;
  step: number;
  /** A share link's run (`?share=` in the hash). */
  share?: string | undefined;
}) {
  const lesson = getCatalog().lessonById.get(lessonId);
  if (!lesson) {
    return (
      <div className="page">
        <TopBar crumbs={[{ label: 'Course', href: '#/' }, { label: 'Not found' }]} />
        <main className="error-screen">
          <h1>No lesson called “{lessonId}”</h1>
          <p>
            The link may be from an older version of the course.{' '}
            <a href="#/">Pick a lesson from the course map.</a>
          </p>
        </main>
      </div>
    );
  }
  // A step with an exercise of its own is another system to run: a fresh workspace (run, code, checks).
  return (
    <LessonWorkspace key={exerciseAt(lesson, step + 1).id} lesson={lesson} urlStep={step} share={share} />
  );
}
