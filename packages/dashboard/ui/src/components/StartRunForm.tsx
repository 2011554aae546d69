import { useMemo, useState } from 'react';
import type { InputViolation } from '@baton/sdk';
import type { WorkflowInfo } from '../../../src/protocol.js';
import { api, ApiRequestError } from '../lib/api.js';
import { parseJsonInput } from '../lib/json-input.js';
import { navigate, runHref } from '../lib/router.js';

type Problem = { kind: 'violations'; violations: readonly InputViolation[] } | { kind: 'error'; message: string };

/** The start-run form: a JSON editor, a button per sample input, inline JSON errors (as you type) and validation errors. */
export function StartRunForm({ workflow }: { workflow: WorkflowInfo }) {
  const samples = Object.entries(workflow.samples ?? {});
  const [text, setText] = useState(() => JSON.stringify(samples[0]?.[1] ?? {}, null, 2));
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  // Checked as you type: invalid JSON is shown at once and never sent.
  const parsed = useMemo(() => parseJsonInput(text), [text]);

  const submit = async (event: { preventDefault(): void }): Promise<void> => {
    event.preventDefault();
    if (!parsed.ok) return;
    const input = parsed.value;
    setBusy(true);
    setProblem(undefined);
    try {
      const { runId } = await api.start(workflow.name, input);
      navigate(runHref(runId));
    } catch (error) {
      const body = error instanceof ApiRequestError ? error.body : undefined;
      if (body?.violations && body.violations.length > 0)
        setProblem({ kind: 'violations', violations: body.violations });
      else setProblem({ kind: 'error', message: body ? `${body.name}: ${body.message}` : (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="start-form" onSubmit={(e) => void submit(e)} data-testid={`start-form-${workflow.name}`}>
      <div className="start-form-head">
        <h3>Start a run</h3>
        {workflow.graph.input && <span className="muted mono">input: {workflow.graph.input}</span>}
      </div>
      {samples.length > 0 && (
        <div className="samples">
          <span className="muted">Samples</span>
          {samples.map(([label, value]) => (
            <button
              key={label}
              type="button"
              className="btn btn-small"
              data-testid={`sample-${label}`}
              onClick={() => {
                setText(JSON.stringify(value, null, 2));
                setProblem(undefined);
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      <textarea
        className={`json-editor${problem || !parsed.ok ? ' has-problem' : ''}`}
        aria-invalid={!parsed.ok}
        data-testid="start-input"
        spellCheck={false}
        value={text}
        rows={Math.min(16, Math.max(6, text.split('\n').length + 1))}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit(e);
        }}
        aria-label={`Input of ${workflow.name}`}
      />
      {!parsed.ok && (
        <p className="form-error" data-testid="json-error" role="alert">
          Invalid JSON: {parsed.message}
        </p>
      )}
      {problem?.kind === 'violations' && (
        <ul className="violations" aria-label="Input validation errors">
          {problem.violations.map((v, i) => (
            <li
              key={`${v.path}:${v.constraint}:${i}`}
              className="form-error"
              data-testid="validation-error"
              data-constraint={v.constraint}
            >
              <span className="mono">{v.path}</span>: {v.message}
            </li>
          ))}
        </ul>
      )}
      {problem?.kind === 'error' && (
        <p className="form-error" data-testid="start-error">
          {problem.message}
        </p>
      )}
      <div className="start-form-actions">
        <span className="muted small">Ctrl/⌘ + Enter to start</span>
        <button type="submit" className="btn btn-primary" data-testid="start-submit" disabled={busy || !parsed.ok}>
          {busy ? 'Starting…' : 'Start run'}
        </button>
      </div>
    </form>
  );
}
