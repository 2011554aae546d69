import { MAX_SIGNAL_NAME_LENGTH, MAX_TIMER_MS, SIGNAL_NAME_PATTERN } from '../constants.js';
import { describeValue } from '../errors/baton.error.js';
import { messages } from '../errors/messages.js';
import type { DelayMetadata, MethodMetadata, WaitForMetadata } from '../metadata/metadata.types.js';
import { validateOptions } from '../options/validate-options.js';
import { WaitForOptionsSchema } from '../options/wait-for-options.schema.js';
import type { WaitForOptions } from '../options/wait-for-options.js';
import type { Type } from '../options/workflow-options.js';
import type { CompiledStep } from './compiled-workflow.js';
import type { StepDraft } from './step-draft.js';
import type { StepDelay, StepWait } from './workflow-graph.js';

/**
 * Reads `@WaitFor` and `@Delay` into a draft (its `kind` already known), reporting an invalid signal name,
 * option or delay, both on one step, and either on a forEach step. Nothing is set when anything is wrong.
 */
export function readWaitAndDelay(method: MethodMetadata, draft: StepDraft, report: (m: string) => void): void {
  const waitFor = method.waitFor[0];
  const delay = method.delay[0];
  const wait = waitFor && compileWait(waitFor, report);
  const pause = delay && compileDelay(delay, report);
  if (waitFor && delay) report(messages.waitAndDelay());
  if (draft.kind === 'forEach') {
    if (waitFor) report(messages.waitOnForEach('@WaitFor'));
    if (delay) report(messages.waitOnForEach('@Delay'));
    return;
  }
  if (waitFor && delay) return;
  if (wait) {
    draft.wait = wait.node;
    if (wait.payload) draft.code.waitPayload = wait.payload;
  }
  if (pause) {
    draft.delay = pause.node;
    if (pause.fn) draft.code.delay = pause.fn;
  }
}

/** `@WaitFor` as graph JSON plus its payload class, or `undefined` (and problems reported) when invalid. */
function compileWait(
  metadata: WaitForMetadata,
  report: (m: string) => void,
): { node: StepWait; payload?: Type } | undefined {
  const signal: unknown = metadata.signal;
  const validName =
    typeof signal === 'string' && signal.length <= MAX_SIGNAL_NAME_LENGTH && SIGNAL_NAME_PATTERN.test(signal);
  if (!validName) {
    const tooLong = typeof signal === 'string' && signal.length > MAX_SIGNAL_NAME_LENGTH;
    report(messages.signalNameInvalid(tooLong ? `a name of ${signal.length} characters` : describeValue(signal)));
  }
  const problems = validateOptions('WaitFor', WaitForOptionsSchema, metadata.options).map(messages.invalidOption);
  problems.forEach(report);
  if (!validName || problems.length > 0) return undefined;
  const { timeout, payload }: WaitForOptions = metadata.options;
  const node: StepWait = {
    signal,
    ...(timeout !== undefined && { timeoutMs: timeout }),
    ...(payload !== undefined && { payload: payload.name }),
  };
  return payload === undefined ? { node } : { node, payload };
}

/** `@Delay` as graph JSON plus its function, or `undefined` (and the problem reported) when invalid. */
function compileDelay(
  metadata: DelayMetadata,
  report: (m: string) => void,
): { node: StepDelay; fn?: CompiledStep['delay'] } | undefined {
  const delay: unknown = metadata.delay;
  if (typeof delay === 'function') return { node: { dynamic: true }, fn: delay as CompiledStep['delay'] };
  if (Number.isInteger(delay) && (delay as number) >= 0 && (delay as number) <= MAX_TIMER_MS)
    return { node: { ms: delay as number } };
  report(messages.delayInvalid(describeValue(delay)));
  return undefined;
}
