const UNITS: ReadonlyArray<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/**
 * A duration for people: in the largest unit of which it is at least two (so 24 hours read `24 h`, 90
 * seconds `90 s`, 5 seconds `5 s`), with at most one decimal; under two seconds in `ms`.
 *
 * @example
 * formatDuration(86_400_000) // '24 h'
 * formatDuration(172_800_000) // '2 d'
 * formatDuration(2_500) // '2.5 s'
 */
export function formatDuration(ms: number): string {
  for (const [unit, size] of UNITS) {
    if (ms >= 2 * size) return `${Math.round((ms / size) * 10) / 10} ${unit}`;
  }
  return `${ms} ms`;
}
