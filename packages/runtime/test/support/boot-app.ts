import { Module, type INestApplicationContext, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BatonClient, BatonModule, type BatonModuleOptions } from '../../src/index.js';

/** Boots an application context with `BatonModule.forRoot(options)` and the providers; resolves once initialised. */
export async function bootApp(
  options: BatonModuleOptions,
  providers: Array<Type | Provider>,
): Promise<{ app: INestApplicationContext; client: BatonClient }> {
  @Module({ imports: [BatonModule.forRoot(options)], providers })
  class App {}
  const app = await NestFactory.createApplicationContext(App, { logger: false });
  await app.init();
  return { app, client: app.get(BatonClient) };
}
