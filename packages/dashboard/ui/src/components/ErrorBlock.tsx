import type { ErrorInfo } from '@baton/runtime';

/** An error: its class, code and message, its details (`budget`, `cap`, `spent`...), and the stack when known. */
export function ErrorBlock({
  error,
  testId,
  openStack = false,
}: {
  error: ErrorInfo;
  testId?: string;
  openStack?: boolean;
}) {
  return (
    <div className="error-block" data-testid={testId}>
      <div className="error-title">
        <span className="error-name">{error.name}</span>
        {error.code && <span className="tag mono">{error.code}</span>}
      </div>
      <p className="error-message">{error.message}</p>
      {error.details && (
        <dl className="error-details" data-testid={testId && `${testId}-details`}>
          {Object.entries(error.details).map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd className="mono">{Array.isArray(value) ? value.join(', ') : String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {error.stack && (
        <details className="stack" open={openStack}>
          <summary>stack</summary>
          <pre>{error.stack}</pre>
        </details>
      )}
    </div>
  );
}
