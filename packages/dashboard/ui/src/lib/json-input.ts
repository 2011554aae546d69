/** What a JSON editor holds: a value, or why it is not JSON (with the line and column when the engine says). */
export type JsonInput = { ok: true; value: unknown } | { ok: false; message: string };

/** Where a JSON.parse error points, as `line L, column C`, when the engine says `position N`. */
function jsonErrorMessage(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return error.message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${error.message.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${column})`;
}

/** Parses the start form's text: empty (or blank) is `{}`, anything else must be JSON. */
export function parseJsonInput(text: string): JsonInput {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: jsonErrorMessage(text, error as Error) };
  }
}
