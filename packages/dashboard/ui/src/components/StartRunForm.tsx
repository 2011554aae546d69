import { useState } from 'react';
import type { InputViolation } from '@baton/sdk';
import type { WorkflowInfo } from '../../../src/protocol.js';
import { api, ApiRequestError } from '../lib/api.js';
import { navigate, runHref } from '../lib/router.js';

type Problem =
  | { kind: 'json'; message: string }
  | { kind: 'violations'; violations: readonly InputViolation[] }
  | { kind: 'error'; message: string };

/** Where a JSON.parse error points, as `line L, column C`, when the engine says `position N`. */
function jsonErrorMessage(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return error.message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${error.message.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${column})`;
}

/** The start-run form: a JSON editor, a button per sample input, inline JSON and validation errors. */
export function StartRunForm({ workflow }: { workflow: WorkflowInfo }) {
  const samples = Object.entries(workflow.samples ?? {});
  const [text, setText] = useState(() => JSON.stringify(samples[0]?.[1] ?? {}, null, 2));
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: { preventDefault(): void }): Promise<void> => {
    event.preventDefault();
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      setProblem({ kind: 'json', message: jsonErrorMessage(text, error as Error) });
      return;
    }
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
        className={`json-editor${problem ? ' has-problem' : ''}`}
        data-testid="start-input"
        spellCheck={false}
        value={text}
        rows={Math.min(16, Math.max(6, text.split('\n').length + 1))}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit(e);
        }}
        aria-label={`Input of ${workflow.name}`}
      />
      {problem?.kind === 'json' && (
        <p className="form-error" data-testid="json-error">
          Invalid JSON: {problem.message}
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
        <button type="submit" className="btn btn-primary" data-testid="start-submit" disabled={busy}>
          {busy ? 'Starting…' : 'Start run'}
        </button>
      </div>
    </form>
  );
}
