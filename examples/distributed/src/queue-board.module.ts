import { type DynamicModule, Module } from '@nestjs/common';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { DEFAULT_QUEUE_NAME } from '@baton/runtime';

/** Where Bull Board is mounted when the route is not given. */
export const QUEUE_BOARD_ROUTE = '/queues';

/**
 * Bull Board on the Express adapter, listing Baton's step queue. `@bull-board/nestjs` finds the queue by its
 * `@nestjs/bull` token (`getQueueToken('baton')`), which `BatonModule` registers with `transport: 'bull'`.
 */
@Module({})
export class QueueBoardModule {
  static forRoot(route: string = QUEUE_BOARD_ROUTE): DynamicModule {
    return {
      module: QueueBoardModule,
      imports: [
        BullBoardModule.forRoot({ route, adapter: ExpressAdapter }),
        BullBoardModule.forFeature({ name: DEFAULT_QUEUE_NAME, adapter: BullAdapter }),
      ],
    };
  }
}
