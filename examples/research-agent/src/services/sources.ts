/** The source that is always down: its searches fail with a `NonRetryableError`. */
export const FLAKY_SOURCE = 'flaky-archive';

/** What each source says about a topic: two notes, deterministic. */
const NOTES: Record<string, (topic: string) => string[]> = {
  encyclopedia: (topic) => [`${topic}: definition and history`, `${topic}: the main open questions`],
  'news-wire': (topic) => [`${topic}: this year's announcements`, `${topic}: what the critics say`],
  journals: (topic) => [`${topic}: the strongest recent result`, `${topic}: methods and their limits`],
};

/** The sources the planner asks, in plan order (the flaky one in the middle, so its gap shows). */
export const SOURCES: readonly string[] = ['encyclopedia', 'news-wire', FLAKY_SOURCE, 'journals'];

/** The notes a source has on a topic; undefined for a source it does not know. */
export function notesOf(source: string, topic: string): string[] | undefined {
  return NOTES[source]?.(topic);
}
