/**
 * The service worker's news: the playground now works offline, or a new version is ready. A new version
 * never loads half-way: the old one keeps serving every file until the learner presses Reload.
 */
import { useRegisterSW } from 'virtual:pwa-register/react';

export function UpdateNotice() {
  const {
    needRefresh: [needRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();
  if (needRefresh)
    return (
      <div className="update-notice" role="status" data-testid="update-notice">
        A new version is ready.
        <button type="button" className="button primary small" onClick={() => void updateServiceWorker(true)}>
          Reload
        </button>
      </div>
    );
  if (offlineReady)
    return (
      <div className="update-notice" role="status" data-testid="offline-ready">
        The playground now works offline, every lesson included.
        <button type="button" className="button small" onClick={() => setOfflineReady(false)}>
          OK
        </button>
      </div>
    );
  return null;
}
