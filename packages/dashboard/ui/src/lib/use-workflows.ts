import { useEffect, useState } from 'react';
import type { WorkflowInfo } from '../../../src/protocol.js';
import { api } from './api.js';

let cache: Promise<WorkflowInfo[]> | undefined;

/** Loads the registered workflows once per page (they only change when the server restarts). */
function loadWorkflows(): Promise<WorkflowInfo[]> {
  cache ??= api.workflows().catch((error: unknown) => {
    cache = undefined;
    throw error;
  });
  return cache;
}

/** The registered workflows, with loading and error states. */
export function useWorkflows(): { workflows?: WorkflowInfo[]; error?: string } {
  const [state, setState] = useState<{ workflows?: WorkflowInfo[]; error?: string }>({});
  useEffect(() => {
    let live = true;
    loadWorkflows().then(
      (workflows) => live && setState({ workflows }),
      (error: unknown) => live && setState({ error: (error as Error).message }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
