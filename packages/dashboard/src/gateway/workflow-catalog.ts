import type { BatonClient } from '@baton/runtime';
import type { WorkflowInfo } from '../protocol.js';
import { signalSchemas } from './signal-schema.js';

/**
 * The registered workflows as the dashboard lists them: graph, samples and signal schemas. Workflows are
 * registered once, at start-up, so each one's info is built on first use and kept.
 */
export class WorkflowCatalog {
  private readonly infos = new Map<string, WorkflowInfo>();

  constructor(
    private readonly client: BatonClient,
    private readonly samples: Record<string, Record<string, unknown>>,
  ) {}

  /** Every registered workflow. */
  list(): WorkflowInfo[] {
    return this.client.workflows().map((w) => this.get(w.name)!);
  }

  /** One workflow by name, or undefined when none is registered under it. */
  get(name: string): WorkflowInfo | undefined {
    const known = this.infos.get(name);
    if (known) return known;
    const workflow = this.client.workflows().find((w) => w.name === name);
    if (!workflow) return undefined;
    const signals = signalSchemas(workflow);
    const info: WorkflowInfo = {
      name: workflow.name,
      graph: workflow.graph,
      ...(this.samples[name] && { samples: this.samples[name] }),
      ...(signals.length > 0 && { signals }),
    };
    this.infos.set(name, info);
    return info;
  }
}
