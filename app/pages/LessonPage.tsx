import { getCatalog } from '../catalog/catalog';
import { LessonWorkspace } from '../lesson/LessonWorkspace';
import { TopBar } from '../shell/TopBar';

/** `#/lesson/<id>/<step>`: the lesson, or a way back when the link is stale. */
export default function LessonPage({ lessonId, step }: { lessonId: string; step: number }) {
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
  return <LessonWorkspace lesson={lesson} urlStep={step} />;
}
