import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  type OnModuleInit,
  Param,
  Post,
  Query,
  type Type,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { BatonClient } from '../client/baton.client.js';
import type { ResolvedBatonOptions } from '../options/baton-options.js';
import { BATON_OPTIONS } from '../tokens.js';
import { BatonAccessGuard } from './baton-access.guard.js';
import { BatonExceptionFilter } from './baton-exception.filter.js';
import { mountApiBody } from './mount-api-body.js';
import { parseRunListQuery } from './parse-run-list-query.js';

/** What the dashboard adds to the REST API. */
export interface HttpControllerExtras {
  /** Example inputs by workflow name then label, listed with each workflow. */
  samples?: Record<string, Record<string, unknown>>;
}

/** The default prefix of the REST API. */
export const DEFAULT_API_PREFIX = 'baton/api';

/**
 * Builds the REST API controller under `prefix`: workflows, runs, one run, its trace, start, cancel and
 * rerun. Errors come back as `{ error: { name, message, code, violations? } }` (400 / 404 / 413 / 500), body
 * errors too (malformed JSON, a body over `maxInputBytes`: see {@link mountApiBody}).
 */
export function createBatonHttpController(
  prefix: string = DEFAULT_API_PREFIX,
  extras: HttpControllerExtras = {},
): Type<unknown> {
  const samples = extras.samples ?? {};
  @Controller(prefix)
  @UseGuards(BatonAccessGuard)
  @UseFilters(BatonExceptionFilter)
  class BatonHttpController implements OnModuleInit {
    constructor(
      private readonly client: BatonClient,
      private readonly adapterHost: HttpAdapterHost,
      @Inject(BATON_OPTIONS) private readonly options: ResolvedBatonOptions,
    ) {
      // Now, before Nest mounts its own JSON parser at init(), so that ours reads the API's bodies.
      mountApiBody(adapterHost.httpAdapter, prefix, options.maxInputBytes);
    }

    /** Mounts the body handling now if the HTTP adapter came after construction (`Test.createTestingModule`). */
    onModuleInit(): void {
      mountApiBody(this.adapterHost.httpAdapter, prefix, this.options.maxInputBytes);
    }

    @Get('workflows')
    workflows() {
      return this.client
        .workflows()
        .map((w) => ({ name: w.name, graph: w.graph, ...(samples[w.name] && { samples: samples[w.name] }) }));
    }

    @Get('runs')
    runs(@Query() query: Record<string, string | undefined>) {
      return this.client.listRuns(parseRunListQuery(query));
    }

    @Get('runs/:id')
    run(@Param('id') id: string) {
      return this.client.getRun(id);
    }

    @Get('runs/:id/events')
    async events(@Param('id') id: string, @Query('afterSeq') afterSeq?: string) {
      await this.client.getRun(id);
      return this.client.trace(id, afterSeq === undefined ? 0 : Number(afterSeq) || 0);
    }

    /** Starts a run; an `Idempotency-Key` header starts at most one run per key (409 if reused with another input). */
    @Post('workflows/:name/runs')
    async start(
      @Param('name') name: string,
      @Body() input: unknown,
      @Headers('idempotency-key') idempotencyKey?: string,
    ) {
      const options = idempotencyKey === undefined || idempotencyKey === '' ? {} : { idempotencyKey };
      const { runId } = await this.client.start(name, input ?? {}, options);
      return { runId };
    }

    /** Cancels a run; the dashboard's UI sends `X-Baton-Client: dashboard`, so the reason says who cancelled. */
    @Post('runs/:id/cancel')
    @HttpCode(200)
    async cancel(@Param('id') id: string, @Headers('x-baton-client') caller?: string) {
      const reason = caller === 'dashboard' ? 'cancelled from the dashboard' : 'cancelled from the API';
      return { cancelled: await this.client.cancel(id, reason) };
    }

    @Post('runs/:id/signals/:name')
    @HttpCode(202)
    async signal(@Param('id') id: string, @Param('name') name: string, @Body() payload: unknown) {
      return { runId: await this.client.signal(id, name, payload ?? {}) };
    }

    @Post('runs/:id/rerun')
    async rerun(@Param('id') id: string, @Body() body: { fromStep?: unknown } | undefined) {
      const fromStep = typeof body?.fromStep === 'string' ? body.fromStep : undefined;
      const { runId } = await this.client.rerun(id, fromStep === undefined ? {} : { fromStep });
      return { runId };
    }
  }
  return BatonHttpController;
}
