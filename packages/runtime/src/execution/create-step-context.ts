import { plainToInstance } from 'class-transformer';
import type { StepContext, Type, Usage } from '@baton/sdk';
import type { UsageTotals } from '../coordinator/run-snapshot.js';
import { reviveError } from '../errors/revive-error.js';
import type { ExecutionHooks, StepJob } from './step-job.js';
import { eventAt, stepKey } from './step-key.js';
import { StopSignal } from './stop-signal.js';
import type { UsageMeter } from './usage-meter.js';

/** The payload of the signal a `@WaitFor` step took, as an instance of its payload class when it has one. */
function receivedOf(job: StepJob): unknown {
  if (job.received === undefined) return undefined;
  const payloadClass = job.workflow.compiled.steps[job.step]?.waitPayload;
  return payloadClass && typeof job.received === 'object' && job.received !== null
    ? // The cast is needed by the build (the SDK's declaration of `Type`), not by the source view lint has.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      plainToInstance(payloadClass as new () => object, job.received)
    : job.received;
}

/** The failed dependencies' errors a tolerant join sees, revived as Baton error classes. */
function failuresOf(job: StepJob): Readonly<Record<string, Error>> {
  const failures: Record<string, Error> = {};
  for (const [name, info] of Object.entries(job.failures ?? {})) {
    failures[name] = reviveError(info, { runId: job.runId, workflow: job.workflow.name });
  }
  return failures;
}

/**
 * Builds the `StepContext` of one attempt. `ctx.stop()` reports the stop at once (so it takes effect even
 * if user code swallows the exception) and then throws to unwind the step.
 */
export function createStepContext(
  job: StepJob,
  attempt: number,
  signal: AbortSignal,
  hooks: ExecutionHooks,
  meter: UsageMeter,
): StepContext {
  const at = eventAt(job);
  return {
    runId: job.runId,
    workflow: job.workflow.name,
    step: job.step,
    input: job.input,
    results: job.results,
    iteration: job.iteration ?? 1,
    received: receivedOf(job),
    failures: failuresOf(job),
    attempt,
    signal,
    item: job.item,
    index: job.index,
    idempotencyKey: stepKey(job.runId, job.step, job.index, job.iteration),
    progress(data: unknown): void {
      if (!signal.aborted) job.progress?.(data);
    },
    usage(amounts: Usage): void {
      if (!signal.aborted) meter.add(amounts);
    },
    log(message: string, data?: unknown): void {
      if (signal.aborted) return;
      job.report({
        type: 'step.log',
        at: hooks.now(),
        ...at,
        message: String(message),
        ...(data !== undefined && { data }),
      });
    },
    async run<O>(workflow: Type | string, input: unknown): Promise<O> {
      hooks.slots.release();
      try {
        // The parent's trace links to the child: a step.log naming its run id.
        const onStarted = (child: { runId: string; workflow: string }): void => {
          if (!signal.aborted) {
            job.report({
              type: 'step.log',
              at: hooks.now(),
              ...at,
              message: `started child run ${child.runId} (${child.workflow})`,
              data: { childRunId: child.runId, workflow: child.workflow },
            });
          }
        };
        const onSpent = (usage: UsageTotals): void => meter.addChild(usage);
        const parent = { runId: job.runId, step: job.step };
        return (await hooks.runChild(parent, workflow, input, signal, onStarted, onSpent)) as O;
      } finally {
        await hooks.slots.acquire();
      }
    },
    stop(output?: unknown): never {
      if (!signal.aborted) job.report({ type: 'run.stop', at: hooks.now(), ...at, output });
      // A stop is not an error: it unwinds the step and the executor turns it into the run's output.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw new StopSignal(output);
    },
  };
}
