import type { ErrorInfo } from './run-snapshot.js';

/** Fields every coordinator event carries: when it happened (epoch ms), and which step/item it is about. */
interface StepEventBase {
  at: number;
  step: string;
  /** The item index, for a forEach item. */
  index?: number;
}

/**
 * What can happen to a run, fed to the coordinator one at a time. Transports produce these; the
 * coordinator decides what follows.
 */
export type CoordinatorEvent =
  | (StepEventBase & {
      type: 'step.started';
      attempt: number;
      /** Which process runs it (`host:pid`). */ worker?: string;
    })
  | (StepEventBase & { type: 'step.retrying'; attempt: number; error: ErrorInfo; delayMs: number })
  | (StepEventBase & { type: 'step.succeeded'; attempt: number; output: unknown })
  | (StepEventBase & { type: 'step.recovered'; attempt: number; output: unknown; error: ErrorInfo })
  | (StepEventBase & { type: 'step.failed'; attempt: number; error: ErrorInfo })
  | (StepEventBase & { type: 'step.expanded'; count: number })
  | (StepEventBase & { type: 'step.log'; message: string; data?: unknown })
  | (StepEventBase & { type: 'run.stop'; output: unknown })
  | { type: 'run.cancel'; at: number; reason?: string }
  | { type: 'run.timeout'; at: number; error: ErrorInfo }
  /** The run cannot go on (e.g. its graph version changed incompatibly): fail it with `error`. */
  | { type: 'run.fail'; at: number; error: ErrorInfo };
