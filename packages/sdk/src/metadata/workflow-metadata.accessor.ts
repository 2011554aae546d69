import 'reflect-metadata';
import {
  DELAY_METADATA,
  FALLBACK_METADATA,
  MEMBER_NAMES_METADATA,
  METHOD_METADATA_KEYS,
  MISUSE_METADATA,
  PARALLEL_METADATA,
  RETRY_METADATA,
  ROUTE_METADATA,
  STEP_METADATA,
  TIMEOUT_METADATA,
  WAIT_FOR_METADATA,
  WORKFLOW_METADATA,
} from '../constants.js';
import type { Type } from '../options/workflow-options.js';
import type { MethodMetadata, MisuseMetadata, WorkflowMetadata } from './metadata.types.js';

/** True when the class (or a base class) carries `@Workflow`. */
export function isWorkflowClass(target: unknown): target is Type {
  return typeof target === 'function' && Reflect.hasMetadata(WORKFLOW_METADATA, target);
}

/** The `@Workflow` metadata of a class, or `undefined` if it has none. */
export function getWorkflowMetadata(target: Type): WorkflowMetadata | undefined {
  return Reflect.getMetadata(WORKFLOW_METADATA, target) as WorkflowMetadata | undefined;
}

/** Decorators recorded as misused on the class and its bases. */
export function getMisuses(target: Type): MisuseMetadata[] {
  const misuses: MisuseMetadata[] = [];
  for (const ctor of constructorChain(target)) {
    misuses.push(...((Reflect.getOwnMetadata(MISUSE_METADATA, ctor) as MisuseMetadata[] | undefined) ?? []));
    misuses.push(
      ...((Reflect.getOwnMetadata(MISUSE_METADATA, ctor.prototype as object) as MisuseMetadata[] | undefined) ?? []),
    );
  }
  return misuses;
}

/**
 * Every method carrying a Baton decorator, in declaration order (base classes first). This is the only
 * place that reads method metadata.
 */
export function getDecoratedMethods(target: Type): MethodMetadata[] {
  const methods: MethodMetadata[] = [];
  const seen = new Set<string>();
  for (const ctor of constructorChain(target)) {
    const prototype = ctor.prototype as object;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor' || seen.has(name)) continue;
      if (!METHOD_METADATA_KEYS.some((key) => Reflect.hasMetadata(key, prototype, name))) continue;
      seen.add(name);
      methods.push(readMethod(target.prototype as object, name));
    }
  }
  // Names registered for members the class does not define (e.g. a typo in registerStep).
  for (const ctor of constructorChain(target)) {
    for (const name of (Reflect.getOwnMetadata(MEMBER_NAMES_METADATA, ctor.prototype as object) as
      string[] | undefined) ?? []) {
      if (seen.has(name)) continue;
      seen.add(name);
      methods.push(readMethod(target.prototype as object, name));
    }
  }
  return methods;
}

function readMethod(prototype: object, name: string): MethodMetadata {
  const read = <T>(key: string): T[] => (Reflect.getMetadata(key, prototype, name) as T[] | undefined) ?? [];
  const descriptor = findDescriptor(prototype, name);
  return {
    name,
    exists: descriptor !== undefined,
    isFunction: descriptor !== undefined && typeof descriptor.value === 'function',
    step: read(STEP_METADATA),
    route: read(ROUTE_METADATA),
    parallel: read(PARALLEL_METADATA),
    retry: read(RETRY_METADATA),
    timeout: read(TIMEOUT_METADATA),
    fallback: read(FALLBACK_METADATA),
    waitFor: read(WAIT_FOR_METADATA),
    delay: read(DELAY_METADATA),
  };
}

/** Finds a property's descriptor on the prototype chain. */
export function findDescriptor(prototype: object, name: string): PropertyDescriptor | undefined {
  for (let p: object | null = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(p, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}

/** The class and its bases, base first, stopping at `Object`. */
function constructorChain(target: Type): Type[] {
  const chain: Type[] = [];
  for (let c: unknown = target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if ((c as Type).prototype === undefined) break;
    chain.unshift(c as Type);
  }
  return chain;
}
