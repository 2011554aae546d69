import { BatonError } from '@baton/sdk';

/** A workflow class was registered with a request or transient scope; runs need one long-lived instance. */
export class WorkflowScopeError extends BatonError {
  /** Always `'WORKFLOW_SCOPE'`. */
  readonly code = 'WORKFLOW_SCOPE' as const;

  constructor(name: string) {
    super(
      `Workflow ${name} is not a singleton provider (request- or transient-scoped, or depending on one). ` +
        'Register it with the default scope so the runtime has one instance to call.',
      { workflow: name },
    );
  }
}
