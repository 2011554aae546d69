import { createContext } from 'react';

/**
 * Collapses or expands a unit of the graph by its id: given by `WorkflowGraphView` to its box and summary
 * nodes, so node data stays plain and the nodes stay memoised.
 */
export const GraphToggleContext = createContext<(unitId: string) => void>(() => undefined);
