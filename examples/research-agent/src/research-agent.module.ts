import { Module } from '@nestjs/common';
import { BatonModule } from '@baton/runtime';
import { CriticAgent } from './agents/critic.agent.js';
import { FastOutlineModel } from './agents/fast-outline.model.js';
import { PlannerAgent } from './agents/planner.agent.js';
import { SlowOutlineModel } from './agents/slow-outline.model.js';
import { WriterAgent } from './agents/writer.agent.js';
import { ResearchAgentWorkflow } from './research-agent.workflow.js';
import { SearchService } from './services/search.service.js';

/** The research workflow and the agents and services it is built from (no Baton module). */
export const RESEARCH_AGENT_PROVIDERS = [
  ResearchAgentWorkflow,
  PlannerAgent,
  SearchService,
  FastOutlineModel,
  SlowOutlineModel,
  WriterAgent,
  CriticAgent,
];

/**
 * The research-agent feature: the workflow and its agents as ordinary providers. Import it into any app
 * that has `BatonModule.forRoot(...)` and the workflow is registered there.
 */
@Module({ providers: RESEARCH_AGENT_PROVIDERS, exports: RESEARCH_AGENT_PROVIDERS })
export class ResearchAgentModule {}

/** The example application: Baton on the in-process transport plus the research-agent feature. */
@Module({ imports: [BatonModule.forRoot({ transport: 'memory' }), ResearchAgentModule] })
export class ResearchAppModule {}
