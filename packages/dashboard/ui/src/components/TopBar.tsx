import type { Route } from '../lib/router.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';

/** The top bar: the name, the two sections, and the connection state. */
export function TopBar({ route }: { route: Route }) {
  const section =
    route.page === 'workflows' ? 'workflows' : route.page === 'runs' || route.page === 'run' ? 'runs' : undefined;
  return (
    <header className="topbar">
      <a className="brand" href="#/workflows">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden>
          <rect width="24" height="24" rx="6" />
          <path d="M6 17.5 17.5 6" />
          <circle cx="17.5" cy="6.5" r="2.2" />
        </svg>
        Baton
      </a>
      <nav className="topnav">
        <a href="#/workflows" className={section === 'workflows' ? 'is-current' : ''} data-testid="nav-workflows">
          Workflows
        </a>
        <a href="#/runs" className={section === 'runs' ? 'is-current' : ''} data-testid="nav-runs">
          Runs
        </a>
      </nav>
      <span className="topbar-spacer" />
      <ConnectionIndicator />
    </header>
  );
}
