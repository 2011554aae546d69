import { Module } from '@nestjs/common';
import { BatonModule } from '@baton/runtime';
import { BatonDashboardModule } from '@baton/dashboard';
import { SAMPLE_TICKETS } from './sample-tickets.js';
import { SupportTicketModule } from './support-ticket.module.js';

/** The dev server: the support-ticket app on the in-process transport, with the dashboard at /baton. */
@Module({
  imports: [
    BatonModule.forRoot({ transport: 'memory' }),
    BatonDashboardModule.forRoot({
      path: '/baton',
      ...(process.env.BATON_TOKEN ? { token: process.env.BATON_TOKEN } : {}),
      samples: { 'support-ticket': { ...SAMPLE_TICKETS } },
    }),
    SupportTicketModule,
  ],
})
export class DevAppModule {}
