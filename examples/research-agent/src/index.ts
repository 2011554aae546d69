export { ResearchAgentWorkflow } from './research-agent.workflow.js';
export { ResearchInput, RESEARCH_DEPTHS, type ResearchDepth } from './research.input.js';
export type {
  Article,
  Collected,
  Draft,
  Outline,
  Review,
  ResearchPlan,
  ResearchResults,
  SourceNotes,
  SourceQuery,
} from './research.types.js';
export { PlannerAgent } from './agents/planner.agent.js';
export { FastOutlineModel } from './agents/fast-outline.model.js';
export { SlowOutlineModel } from './agents/slow-outline.model.js';
export { WriterAgent, type WritingBrief } from './agents/writer.agent.js';
export { CriticAgent } from './agents/critic.agent.js';
export { NEVER_GOOD_ENOUGH, NOT_GOOD_ENOUGH, CITE_SOURCES, ADD_CONCLUSION } from './agents/feedback.js';
export { MAX_PASSES, RESEARCH_TOKEN_BUDGET, TOKENS, USD_PER_1K_TOKENS, LATENCY_MS } from './agents/model-profile.js';
export { SearchService } from './services/search.service.js';
export { FLAKY_SOURCE, SOURCES } from './services/sources.js';
export { ResearchAgentModule, ResearchAppModule, RESEARCH_AGENT_PROVIDERS } from './research-agent.module.js';
export { SAMPLE_RESEARCH } from './sample-research.js';
export { runResearchSamples, describeRun } from './run-research.js';
