import { TopBar } from './components/TopBar.js';
import { useRoute } from './lib/router.js';
import { RunPage } from './pages/RunPage.js';
import { RunsPage } from './pages/RunsPage.js';
import { WorkflowsPage } from './pages/WorkflowsPage.js';

/** The dashboard: a top bar and the page the hash names. */
export function App() {
  const route = useRoute();
  return (
    <>
      <TopBar route={route} />
      <main className="main">
        {route.page === 'workflows' && <WorkflowsPage {...(route.workflow && { focus: route.workflow })} />}
        {route.page === 'runs' && <RunsPage query={route.query} />}
        {route.page === 'run' && <RunPage key={route.runId} runId={route.runId} />}
        {route.page === 'not-found' && (
          <div className="page">
            <h1>Not found</h1>
            <p className="muted">
              Nothing at <span className="mono">{route.hash}</span>. Go to the <a href="#/workflows">workflows</a> or
              the <a href="#/runs">runs</a>.
            </p>
          </div>
        )}
      </main>
    </>
  );
}
