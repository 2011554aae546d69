import { Module } from '@nestjs/common';
import { BatonModule } from '@baton/runtime';
import { BatonDashboardModule } from '@baton/dashboard';
import { ResearchAgentModule, SAMPLE_RESEARCH } from '@baton/example-research-agent';
import { SAMPLE_TICKETS } from './sample-tickets.js';
import { SupportTicketModule } from './support-ticket.module.js';

/**
 * The dev server: the support-ticket app and the research agent (`@baton/example-research-agent`) on the
 * in-process transport, with the dashboard at /baton offering each workflow's sample inputs.
 */
@Module({
  imports: [
    BatonModule.forRoot({ transport: 'memory' }),
    BatonDashboardModule.forRoot({
      path: '/baton',
      ...(process.env.BATON_TOKEN ? { token: process.env.BATON_TOKEN } : {}),
      samples: { 'support-ticket': { ...SAMPLE_TICKETS }, 'research-agent': { ...SAMPLE_RESEARCH } },
    }),
    SupportTicketModule,
    ResearchAgentModule,
  ],
})
export class DevAppModule {}
