/**
 * Finds the dependency cycles of a graph given as `name → dependsOn`. Each cycle is returned once, as a
 * path that starts and ends with the same step, beginning at the step declared first.
 */
export function findCycles(order: readonly string[], dependsOn: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const position = new Map(order.map((name, i) => [name, i]));

  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of dependsOn.get(name) ?? []) {
      if (!dependsOn.has(dep)) continue;
      if (state.get(dep) === 'visiting') {
        // Reversed, the loop is in execution order: each step must run before the next one.
        const loop = stack.slice(stack.indexOf(dep)).reverse();
        const start = loop.reduce(
          (best, n, i) => ((position.get(n) ?? 0) < (position.get(loop[best]) ?? 0) ? i : best),
          0,
        );
        const rotated = [...loop.slice(start), ...loop.slice(0, start)];
        const path = [...rotated, rotated[0]];
        const key = [...rotated].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(path);
        }
      } else if (state.get(dep) === undefined) {
        visit(dep);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };

  for (const name of order) if (state.get(name) === undefined) visit(name);
  return cycles;
}
