import { isCutPayload } from '../lib/event-data.js';
import { toJson } from '../lib/format.js';

/** A value as pretty JSON in monospace; a payload the server cut shows its preview and size. */
export function JsonBlock({ value, testId, maxHeight = 320 }: { value: unknown; testId?: string; maxHeight?: number }) {
  if (isCutPayload(value)) {
    return (
      <div data-testid={testId}>
        <p className="muted small">
          Payload cut by the server{value.bytes !== undefined ? ` (${value.bytes.toLocaleString()} bytes of JSON)` : ''}
          ; preview:
        </p>
        <pre className="json" style={{ maxHeight }}>
          {value.preview}
        </pre>
      </div>
    );
  }
  return (
    <pre className="json" data-testid={testId} style={{ maxHeight }}>
      {toJson(value)}
    </pre>
  );
}
