import { lazy, Suspense } from 'react';
import { ErrorScreen } from './ErrorScreen';
import { CourseMapPage } from './pages/CourseMapPage';
import { useRoute } from './router/useRoute';

// The lesson page carries the engine bridge, the views and (later, lazily) Monaco: never on the course map.
const LessonPage = lazy(() => import('./pages/LessonPage'));

export function App() {
  const route = useRoute();
  return (
    <ErrorScreen>
      {route.page === 'lesson' ? (
        <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
          <LessonPage key={route.lessonId} lessonId={route.lessonId} step={route.step - 1} />
        </Suspense>
      ) : (
        <CourseMapPage />
      )}
    </ErrorScreen>
  );
}
