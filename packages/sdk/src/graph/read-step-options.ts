import { messages } from '../errors/messages.js';
import type { MethodMetadata } from '../metadata/metadata.types.js';
import { RouteOptionsSchema } from '../options/route-options.schema.js';
import type { RouteOptions } from '../options/route-options.js';
import { StepOptionsSchema } from '../options/step-options.schema.js';
import { validateOptions } from '../options/validate-options.js';
import type { StepDraft } from './step-draft.js';

/**
 * Reads the options of `@Step` and `@Route` into a draft: `after`, `join` and `description` (set in one of
 * the two at most), and the route's `maxIterations`. Invalid options are reported and not used.
 */
export function readStepOptions(method: MethodMetadata, draft: StepDraft, report: (m: string) => void): void {
  const sources: Array<[string, RouteOptions]> = [
    ...method.step.slice(0, 1).map((s): [string, RouteOptions] => ['Step', s.options]),
    ...method.route.slice(0, 1).map((r): [string, RouteOptions] => ['Route', r.options]),
  ];
  const valid = sources.filter(([decorator, options]) => {
    const schema = decorator === 'Route' ? RouteOptionsSchema : StepOptionsSchema;
    const found = validateOptions(decorator, schema, options).map(messages.invalidOption);
    found.forEach(report);
    // Given but invalid: remembered as `null`, so the loop checks do not report it as missing too.
    if (found.length > 0 && decorator === 'Route' && isObject(options) && options.maxIterations !== undefined)
      draft.maxIterations = null;
    return found.length === 0;
  });
  const given = <K extends 'after' | 'join'>(option: K): RouteOptions[K] => {
    const setting = valid.filter(([, options]) => options[option] !== undefined);
    if (setting.length > 1) report(messages.stepAndRouteSet(option));
    return setting[0]?.[1][option];
  };
  const after = given('after');
  if (after !== undefined) draft.after = [...new Set(typeof after === 'string' ? [after] : after)];
  const join = given('join');
  if (join !== undefined) draft.join = join;
  const description = valid.map(([, options]) => options.description).find((d) => d !== undefined);
  if (description !== undefined) draft.description = description;
  const maxIterations = valid.find(([decorator]) => decorator === 'Route')?.[1].maxIterations;
  if (maxIterations !== undefined) draft.maxIterations = maxIterations;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
