import type { ResearchInput } from './research.input.js';

/**
 * Inputs that take the workflow down each of its paths (every run also tolerates the failing source and
 * races the two outline models): approved on the second pass, the loop limit and its fallback, and the
 * token budget exceeded.
 */
export const SAMPLE_RESEARCH: Record<string, ResearchInput> = {
  approvedOnPass2: { topic: 'Solid-state batteries' },
  neverGoodEnough: { topic: 'Perfect prose, which is never good enough' },
  overBudget: { topic: 'Solid-state batteries', depth: 'exhaustive' },
};
