import type { Article } from '../agents/ticket.types.js';
import { ARTICLES } from './articles.js';

/** Searches the bundled articles by keyword overlap; deterministic, best first, at most three. */
export class KnowledgeBaseService {
  search(text: string): Article[] {
    const words = new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 2),
    );
    return ARTICLES.map((article) => ({
      id: article.id,
      title: article.title,
      score: article.keywords.filter((k) => words.has(k)).length,
    }))
      .filter((a) => a.score > 0)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, 3);
  }
}
