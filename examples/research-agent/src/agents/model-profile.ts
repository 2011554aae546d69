import type { ResearchDepth } from '../research.input.js';

/** The simulated models and services that report usage. */
export type ModelName = 'planner' | 'search' | 'fast' | 'slow' | 'writer' | 'critic';

/** The tokens the research workflow may spend in one run (`@Workflow({ budget: { tokens } })`). */
export const RESEARCH_TOKEN_BUDGET = 20_000;

/** How many writing passes the write → review → critique loop may make (`@Route({ maxIterations })`). */
export const MAX_PASSES = 3;

/** Tokens each simulated call reports with `ctx.usage`, by call (and by depth where it matters). */
export const TOKENS = {
  plan: 400,
  search: { standard: 1_200, exhaustive: 4_800 } satisfies Record<ResearchDepth, number>,
  fastOutline: 1_500,
  slowOutline: 3_000,
  write: { standard: 2_500, exhaustive: 6_000 } satisfies Record<ResearchDepth, number>,
  review: 800,
} as const;

/** What each model charges, in US dollars per 1 000 tokens. */
export const USD_PER_1K_TOKENS: Readonly<Record<ModelName, number>> = {
  planner: 0.002,
  search: 0.001,
  fast: 0.001,
  slow: 0.01,
  writer: 0.004,
  critic: 0.002,
};

/** How long each simulated call takes, in milliseconds (the slow model loses every race it runs in). */
export const LATENCY_MS = {
  plan: 20,
  search: 50,
  flakySource: 10,
  fastOutline: 30,
  slowOutline: 2_000,
  write: 40,
  review: 20,
} as const;
