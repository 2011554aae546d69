/** How many characters of a run's compact input JSON `listRuns({ search })` looks at. */
export const INPUT_SEARCH_CHARS = 1_000;

/** How many characters of a run's compact input JSON its list summary shows before an ellipsis. */
export const INPUT_SUMMARY_CHARS = 120;

/**
 * A run's input as one line of compact JSON, cut to {@link INPUT_SEARCH_CHARS}: the text a search by
 * input looks in (computed once, when the run is created).
 */
export function inputText(input: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(input);
  } catch {
    json = undefined; // a cyclic or BigInt input is refused before a run is created; never fail a listing on it
  }
  return (json ?? '').slice(0, INPUT_SEARCH_CHARS);
}

/** The list summary of an input text: cut to {@link INPUT_SUMMARY_CHARS} with an ellipsis. */
export function summarizeInput(text: string): string {
  return text.length > INPUT_SUMMARY_CHARS ? `${text.slice(0, INPUT_SUMMARY_CHARS - 1)}…` : text;
}

/** The lowercase text a `listRuns` search looks in: the run id, a newline, and the input text. */
export function searchText(runId: string, text: string): string {
  return `${runId}\n${text}`.toLowerCase();
}
