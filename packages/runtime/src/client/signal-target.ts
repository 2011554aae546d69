import type { Type } from '@baton/sdk';

/**
 * Which run a signal is for: its id, or its business key (the workflow and the idempotency key it was
 * started with), so a run can be reached without storing its id.
 */
export type SignalTarget = string | { workflow: string | Type; idempotencyKey: string };
