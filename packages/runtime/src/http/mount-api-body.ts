import type { AbstractHttpAdapter } from '@nestjs/core';
import { bodyErrorHandler } from './body-error.handler.js';
import { jsonBodyReader } from './json-body.reader.js';

/** The API paths each HTTP adapter already has Baton's body handling on. */
const mounted = new WeakMap<object, Set<string>>();

/**
 * Mounts on `/<prefix>` of an Express app Baton's JSON body reader (at most `maxInputBytes` bytes) and the
 * handler that answers body errors in Baton's error shape. Mounted before `init()` (from a controller's
 * constructor, in an app made by `NestFactory.create`), it runs before Nest's own JSON parser (100 kB), so
 * the API takes bodies up to `maxInputBytes`; mounted later, only the error shape applies. Does nothing
 * without an Express adapter, and once per adapter and prefix.
 *
 * @returns false when there is no HTTP adapter yet (call again from `onModuleInit`)
 */
export function mountApiBody(adapter: AbstractHttpAdapter | undefined, prefix: string, maxInputBytes: number): boolean {
  if (!adapter) return false;
  if (adapter.getType() !== 'express') return true;
  const path = `/${prefix.replace(/^\/+|\/+$/g, '')}`;
  const paths = mounted.get(adapter) ?? new Set<string>();
  if (paths.has(path)) return true;
  paths.add(path);
  mounted.set(adapter, paths);
  adapter.use(path, jsonBodyReader(maxInputBytes));
  adapter.use(path, bodyErrorHandler());
  return true;
}
