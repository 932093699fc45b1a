import { useCallback, useEffect, useState } from 'react';

/** The shell's pages: the workbench (`/`), the audit log (`/audit-log`) and remote health (`/remote-health`), the last two for supervisors and admins. */
export type ShellView = 'workbench' | 'audit-log' | 'remote-health';

const PATHS: Record<ShellView, string> = { workbench: '/', 'audit-log': '/audit-log', 'remote-health': '/remote-health' };

export function viewOfPath(pathname: string): ShellView {
  const trimmed = pathname.replace(/\/+$/, '');
  if (trimmed === PATHS['audit-log']) return 'audit-log';
  if (trimmed === PATHS['remote-health']) return 'remote-health';
  return 'workbench';
}

/**
 * The current page, kept in the URL (so a reload or a bookmark returns to it, and Back works) with the
 * query string (`?lng=`) preserved. The static server answers index.html for both paths.
 */
export function useShellView(): [ShellView, (view: ShellView) => void] {
  const [view, setView] = useState<ShellView>(() => viewOfPath(window.location.pathname));
  useEffect(() => {
    const onPop = () => setView(viewOfPath(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: ShellView) => {
    if (viewOfPath(window.location.pathname) !== next) window.history.pushState(null, '', `${PATHS[next]}${window.location.search}`);
    setView(next);
  }, []);
  return [view, navigate];
}
