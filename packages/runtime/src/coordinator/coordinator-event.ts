import type { Usage } from '@baton/sdk';
import type { ErrorInfo } from './run-snapshot.js';

/** Fields every coordinator event carries: when it happened (epoch ms), and which step/item it is about. */
interface StepEventBase {
  at: number;
  step: string;
  /** The item index, for a forEach item. */
  index?: number;
  /** The loop pass the attempt ran in (absent means 1): an event of an earlier pass is ignored. */
  iteration?: number;
}

/** What an attempt spent, reported with its outcome. */
interface UsageReport {
  usage?: Usage;
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
  | (StepEventBase & UsageReport & { type: 'step.retrying'; attempt: number; error: ErrorInfo; delayMs: number })
  | (StepEventBase & UsageReport & { type: 'step.succeeded'; attempt: number; output: unknown })
  | (StepEventBase & UsageReport & { type: 'step.recovered'; attempt: number; output: unknown; error: ErrorInfo })
  | (StepEventBase & UsageReport & { type: 'step.failed'; attempt: number; error: ErrorInfo })
  | (StepEventBase & UsageReport & { type: 'step.expanded'; count: number })
  | (StepEventBase & { type: 'step.log'; message: string; data?: unknown })
  | (StepEventBase & { type: 'run.stop'; output: unknown })
  /** A waiting step's timer fired: its signal's timeout, or the end of its delay. */
  | (StepEventBase & { type: 'step.wait-expired'; timer: 'timeout' | 'delay' })
  /** A signal for the run (validated by the client): taken by the first step waiting for it, else kept. */
  | { type: 'signal'; at: number; name: string; payload: unknown }
  | { type: 'run.cancel'; at: number; reason?: string }
  | { type: 'run.timeout'; at: number; error: ErrorInfo }
  /** The run cannot go on (e.g. its graph version changed incompatibly): fail it with `error`. */
  | { type: 'run.fail'; at: number; error: ErrorInfo };
