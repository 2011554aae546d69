import type { ResearchDepth } from './research.input.js';

/** One source the planner wants searched, with the query to send it. */
export interface SourceQuery {
  source: string;
  query: string;
}

/** What the planner decided: the queries to run, one per source. */
export interface ResearchPlan {
  topic: string;
  depth: ResearchDepth;
  sources: SourceQuery[];
}

/** What one source returned for its query. */
export interface SourceNotes {
  source: string;
  notes: string[];
}

/** The notes that came back, and the sources that failed (with why). */
export interface Collected {
  notes: SourceNotes[];
  failedSources: string[];
  /** The search step's error message, when a source failed. */
  failure?: string;
}

/** An outline of the article, and the model that wrote it. */
export interface Outline {
  model: 'fast' | 'slow';
  title: string;
  sections: string[];
}

/** One pass's draft of the article. */
export interface Draft {
  pass: number;
  title: string;
  body: string;
  citations: string[];
  /** The critic's feedback this pass took into account (none on the first pass). */
  addressed: string[];
}

/** The critic's verdict on a draft. */
export interface Review {
  pass: number;
  approved: boolean;
  feedback: string[];
}

/** The published article: the run's output. */
export interface Article {
  title: string;
  body: string;
  citations: string[];
  /** Sources that could not be searched. */
  failedSources: string[];
  /** The model whose outline won the race. */
  outlinedBy: 'fast' | 'slow';
  /** How many passes the writer made. */
  passes: number;
  /** Whether the critic approved the last draft (false when the loop limit forced publication). */
  approved: boolean;
}

/** The outputs a step of the research workflow may read, by step name. */
export interface ResearchResults {
  plan: ResearchPlan;
  /** One entry per planned source, in plan order; `null` where the source failed. */
  search: Array<SourceNotes | null>;
  collect: Collected;
  fastModel?: Outline;
  slowModel?: Outline;
  outline: Outline;
  /** The latest draft (while `write` runs again, the previous pass's). */
  write: Draft;
  /** The critic's latest verdict (while `write` runs again, the previous pass's). */
  review: Review;
}
