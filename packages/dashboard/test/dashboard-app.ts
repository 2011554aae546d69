import { Module, type INestApplication, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { io, type Socket } from 'socket.io-client';
import { Parallel, Step, Workflow, type StepContext } from '@baton/sdk';
import { BatonClient, BatonModule } from '@baton/runtime';
import { BatonDashboardModule, type BatonDashboardOptions } from '../src/index.js';

/** Latches the tests open to let a step of the `gated` workflow finish. */
export const gates = new Map<string, () => void>();

@Workflow({ name: 'gated' })
export class GatedWorkflow {
  @Step() first() {
    return 1;
  }
  @Step() wait(ctx: StepContext<{ key: string }>) {
    return new Promise((resolve) => gates.set(ctx.input.key, () => resolve('opened')));
  }
  @Step() last() {
    return 'done';
  }
}

@Workflow({ name: 'burst' })
export class BurstWorkflow {
  @Parallel({ forEach: (ctx: StepContext<{ n: number }>) => Array.from({ length: ctx.input.n }, (_, i) => i) })
  @Step()
  item(ctx: StepContext<{ n: number }, object, number>) {
    return ctx.item;
  }
}

@Workflow({ name: 'gatedBurst' })
export class GatedBurstWorkflow {
  @Step() wait(ctx: StepContext<{ key: string }>) {
    return new Promise((resolve) => gates.set(ctx.input.key, () => resolve(100)));
  }
  @Parallel({
    forEach: (ctx: StepContext<unknown, { wait: number }>) => Array.from({ length: ctx.results.wait }, (_, i) => i),
  })
  @Step()
  item(ctx: StepContext<unknown, object, number>) {
    return ctx.item;
  }
}

@Workflow({ name: 'quick' })
export class QuickWorkflow {
  @Step() a() {
    return 'a';
  }
  @Step() b() {
    return 'b';
  }
}

/** A running app with Baton and the dashboard on a free port. */
export interface DashboardApp {
  app: INestApplication;
  client: BatonClient;
  url: string;
  connect(options?: { token?: string }): Socket;
  close(): Promise<void>;
}

/** Starts the app with the workflows above, plus `providers` (a test's own workflows). */
export async function startDashboardApp(
  options: BatonDashboardOptions = {},
  providers: Provider[] = [],
): Promise<DashboardApp> {
  @Module({
    imports: [BatonModule.forRoot(), BatonDashboardModule.forRoot(options)],
    providers: [GatedWorkflow, BurstWorkflow, GatedBurstWorkflow, QuickWorkflow, ...providers],
  })
  class App {}
  const app = await NestFactory.create(App, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const sockets: Socket[] = [];
  return {
    app,
    client: app.get(BatonClient),
    url,
    connect(connectOptions = {}) {
      const socket = io(`${url}/baton`, {
        transports: ['websocket'],
        reconnection: false,
        ...(connectOptions.token !== undefined && { auth: { token: connectOptions.token } }),
      });
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await app.close();
    },
  };
}

/** Resolves once the socket is connected, rejects with the connect error. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Emits a message and resolves with its acknowledgement. */
export function request<T>(socket: Socket, message: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(5_000).emitWithAck(message, ...args) as Promise<T>;
}
