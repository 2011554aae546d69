import type { Article, Collected, Draft, Outline, Review } from '../research.types.js';

/** Turns the last draft into the published article, noting whether the critic approved it. */
export function toArticle(draft: Draft, review: Review, collected: Collected, outline: Outline): Article {
  return {
    title: draft.title,
    body: draft.body,
    citations: draft.citations,
    failedSources: collected.failedSources,
    outlinedBy: outline.model,
    passes: draft.pass,
    approved: review.approved,
  };
}
