import { lazy, Suspense, useState } from 'react';
import { ErrorMessage, ErrorScreen } from './ErrorScreen';
import { CourseMapPage } from './pages/CourseMapPage';
import { useRoute } from './router/useRoute';
import { UpdateNotice } from './shell/UpdateNotice';

// The lesson page carries the engine bridge, the views and (later, lazily) Monaco: never on the course map.
const LessonPage = lazy(() => import('./pages/LessonPage'));
const SandboxPage = lazy(() => import('./sandbox/SandboxPage'));

export function App() {
  const route = useRoute();
  // A share link opened over the same lesson (pasted into this tab) must open afresh: the lesson page reads
  // a link once, when it mounts. Every new link that arrives gets a new key.
  const share = route.page === 'lesson' ? route.share : undefined;
  const [arrivals, setArrivals] = useState({ share, n: 0 });
  if (share !== arrivals.share) setArrivals({ share, n: share ? arrivals.n + 1 : arrivals.n });
  return (
    <ErrorScreen>
      {route.page === 'lesson' ? (
        <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
          <LessonPage
            key={`${route.lessonId}:${arrivals.n}`}
            lessonId={route.lessonId}
            step={route.step - 1}
            share={route.share}
          />
        </Suspense>
      ) : route.page === 'sandbox' ? (
        <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
          <SandboxPage sandboxId={route.sandboxId} share={route.share} />
        </Suspense>
      ) : route.page === 'broken' ? (
        <ErrorMessage
          title="This link cannot be opened"
          intro="It may have been cut short or changed on the way. Nothing in your saved work was touched."
          detail={route.reason}
        />
      ) : (
        <CourseMapPage />
      )}
      <UpdateNotice />
    </ErrorScreen>
  );
}
