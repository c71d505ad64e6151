/**
 * `#/sandbox[/<id>][?share=…]`: finds the sandbox to open (the one named, the latest, a new one, or a
 * share link's as a new one), then hands it to the workspace. Lazily loaded, like the lesson page.
 */
import { useEffect, useState } from 'react';
import { readSandbox, type SandboxRecord } from '../persistence/sandboxStore';
import { navigate } from '../router/useRoute';
import { TopBar } from '../shell/TopBar';
import { latestOrNewSandbox, openSandboxLink } from './openSandbox';
import { SandboxWorkspace } from './SandboxWorkspace';

interface Props {
  sandboxId?: string | undefined;
  share?: string | undefined;
}

type Found = { record: SandboxRecord } | { missing: string } | undefined;

export default function SandboxPage({ sandboxId, share }: Props) {
  const [found, setFound] = useState<Found>();
  const [linkError, setLinkError] = useState<string>();

  useEffect(() => {
    let live = true;
    if (share) {
      // A link opens as a new sandbox; the address then names it, so a reload does not open it again.
      void openSandboxLink(share).then((opened) => {
        if (!live) return;
        if ('error' in opened) setLinkError(opened.error);
        navigate(
          'id' in opened ? { page: 'sandbox', sandboxId: opened.id } : { page: 'sandbox', sandboxId },
          { replace: true },
        );
      });
    } else if (!sandboxId) {
      void latestOrNewSandbox().then(
        (id) => live && navigate({ page: 'sandbox', sandboxId: id }, { replace: true }),
      );
    } else {
      void readSandbox(sandboxId).then((record) => {
        if (live) setFound(record ? { record } : { missing: sandboxId });
      });
    }
    return () => {
      live = false;
    };
  }, [sandboxId, share]);

  if (found && 'missing' in found)
    return (
      <div className="page">
        <TopBar crumbs={[{ label: 'Course', href: '#/' }, { label: 'Sandbox' }]} />
        <main className="error-screen">
          <h1>No sandbox here</h1>
          <p>
            This browser has no sandbox “{found.missing}”: it may have been deleted, or made in another
            browser (a share link carries a sandbox across). <a href="#/sandbox">Open your sandboxes.</a>
          </p>
        </main>
      </div>
    );
  if (!found || found.record.id !== sandboxId) return <div className="page-loading" aria-busy="true" />;
  return (
    <SandboxWorkspace
      key={found.record.id}
      initial={found.record}
      linkError={linkError}
      onDismissLinkError={() => setLinkError(undefined)}
    />
  );
}
