import type { SignalTarget } from '../client/signal-target.js';
import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BatonClient } from '../client/baton.client.js';
import type { RunQuery } from '../store/run-store.js';
import { BatonRpcExceptionFilter } from './baton-rpc-exception.filter.js';

/** The message of `baton.signal`: the run (its id, or `{ workflow, idempotencyKey }`), the signal and its payload. */
export interface SignalMessage {
  /** The run: its id, or `{ workflow, idempotencyKey }`. */
  run: SignalTarget;
  /** The signal's name, as a step's `@WaitFor` names it. */
  name: string;
  /** The signal's payload, checked against the `@WaitFor({ payload })` class if there is one. */
  payload?: unknown;
}

/** The payload of `baton.start` and `baton.execute`. */
export interface StartMessage {
  /** The registered name of the workflow to run. */
  workflow: string;
  /** The run's input (validated against the workflow's input class, if it has one). */
  input: unknown;
  /** Starts at most one run per key and workflow (see `StartOptions.idempotencyKey`). */
  idempotencyKey?: string;
}

/**
 * Serves the runtime as NestJS message patterns (`baton.start`, `baton.execute`, `baton.get`,
 * `baton.list`, `baton.cancel`, `baton.signal`), so it deploys with `NestFactory.createMicroservice(AppModule, { transport:
 * Transport.REDIS, options })`. Errors cross the wire as `{ name, message, code, violations? }`.
 */
@Controller()
@UseFilters(BatonRpcExceptionFilter)
export class BatonMicroserviceController {
  constructor(private readonly client: BatonClient) {}

  @MessagePattern('baton.start')
  async start(@Payload() message: StartMessage): Promise<{ runId: string }> {
    const options = message.idempotencyKey === undefined ? {} : { idempotencyKey: message.idempotencyKey };
    const { runId } = await this.client.start(message.workflow, message.input, options);
    return { runId };
  }

  @MessagePattern('baton.execute')
  execute(@Payload() message: StartMessage): Promise<unknown> {
    const options = message.idempotencyKey === undefined ? {} : { idempotencyKey: message.idempotencyKey };
    return this.client.execute(message.workflow, message.input, options);
  }

  @MessagePattern('baton.get')
  get(@Payload() message: { runId: string }) {
    return this.client.getRun(message.runId);
  }

  @MessagePattern('baton.list')
  list(@Payload() query: RunQuery = {}) {
    return this.client.listRuns(query ?? {});
  }

  @MessagePattern('baton.signal')
  async signal(@Payload() message: SignalMessage): Promise<{ runId: string }> {
    return { runId: await this.client.signal(message.run, message.name, message.payload) };
  }

  @MessagePattern('baton.cancel')
  async cancel(@Payload() message: { runId: string; reason?: string }): Promise<{ cancelled: boolean }> {
    return { cancelled: await this.client.cancel(message.runId, message.reason) };
  }
}
