import type { StepKind, WorkflowGraph } from '@baton/sdk';
import type { RunState, StepState } from '../../coordinator/run-state.js';
import { inputText, searchText, summarizeInput } from '../../store/input-summary.js';
import { itemField, stepField } from './redis-keys.js';

/** The part of a run stored in its hash's `meta` field: everything but its steps and input. */
type RunMeta = Omit<RunState, 'steps' | 'input'> & { idempotencyKey?: string };

/**
 * Every field of a new run's hash: `seq`, `meta`, `input`, `order` (the graph's steps and kinds) and one
 * `s:<step>` per step. `idempotencyKey` is kept in `meta` so a finishing commit can expire the key with
 * the run.
 */
export function encodeRun(state: RunState, graph: WorkflowGraph, idempotencyKey?: string): string[] {
  const fields = [
    'seq',
    String(state.seq),
    'meta',
    encodeMeta(state, idempotencyKey),
    'input',
    JSON.stringify(state.input ?? null),
    'q',
    encodeListing(state),
    'st',
    listStatus(state),
    ...encodeOrder(graph),
  ];
  for (const [name, step] of Object.entries(state.steps)) fields.push(stepField(name), JSON.stringify(step));
  return fields;
}

/**
 * The `q` field, written once at create: the run's listing line but its status, fields separated by
 * newlines (compact JSON has none): start time, workflow, run id, input summary, then the lowercase search
 * text (run id, newline, input text). The `runs:listing` sorted set holds `st + '\n' + q` per run.
 */
export function encodeListing(state: RunState): string {
  const text = inputText(state.input);
  return [state.startedAt, state.workflow, state.runId, summarizeInput(text), searchText(state.runId, text)].join('\n');
}

/** The input summary inside a `q` field (see {@link encodeListing}). */
export function listingSummary(q: string): string {
  return q.split('\n', 4)[3] ?? '';
}

/** The `st` field, the run's status for a listing filter: `waiting` for a running run with a waiting step. */
export function listStatus(state: RunState): string {
  return state.status === 'running' && (state.waiting ?? 0) > 0 ? 'waiting' : state.status;
}

/** The `order` field: the graph's step names and kinds, in declaration order. */
export function encodeOrder(graph: WorkflowGraph): string[] {
  return ['order', JSON.stringify(graph.steps.map((node) => [node.name, node.kind]))];
}

/** The run's `meta` field. */
export function encodeMeta(state: RunState, idempotencyKey?: string): string {
  const { steps: _steps, input: _input, ...meta } = state;
  return JSON.stringify(idempotencyKey === undefined ? meta : { ...meta, idempotencyKey });
}

/** The fields a transition changed: `meta` and `st` (always) and the named steps (`seq` is the commit's own). */
export function encodeChanges(state: RunState, steps: Iterable<string>, idempotencyKey?: string): string[] {
  const fields = ['meta', encodeMeta(state, idempotencyKey), 'st', listStatus(state)];
  for (const name of steps) {
    const step = state.steps[name];
    if (step) fields.push(stepField(name), JSON.stringify(step));
  }
  return fields;
}

/** A whole run decoded from its hash (HGETALL), or undefined when the hash is missing or incomplete. */
export function decodeRun(hash: Record<string, string>): DecodedRun | undefined {
  if (hash.meta === undefined || hash.seq === undefined) return undefined;
  const meta = JSON.parse(hash.meta) as RunMeta;
  const { idempotencyKey, ...rest } = meta;
  const steps: Record<string, StepState> = {};
  const kinds: Record<string, StepKind> = {};
  for (const [name, kind] of hash.order === undefined ? [] : (JSON.parse(hash.order) as Array<[string, StepKind]>)) {
    kinds[name] = kind;
    const json = hash[stepField(name)];
    if (json !== undefined) steps[name] = JSON.parse(json) as StepState;
  }
  // Steps added by a compatible graph change come after the recorded order.
  for (const [field, json] of Object.entries(hash)) {
    if (field.startsWith('s:') && steps[field.slice(2)] === undefined)
      steps[field.slice(2)] = JSON.parse(json) as StepState;
  }
  const state: RunState = {
    ...rest,
    seq: Number(hash.seq),
    input: hash.input === undefined ? undefined : JSON.parse(hash.input),
    steps,
  };
  return idempotencyKey === undefined ? { state, kinds } : { state, kinds, idempotencyKey };
}

/** A run read from its hash. */
export interface DecodedRun {
  state: RunState;
  /** The step kinds of the graph version the run is recorded under. */
  kinds: Record<string, StepKind>;
  idempotencyKey?: string;
}

/** Field/value pairs storing a forEach step's items, one field per item. */
export function encodeItems(step: string, items: readonly unknown[]): string[] {
  const fields: string[] = [];
  items.forEach((item, index) => fields.push(itemField(step, index), JSON.stringify(item ?? null)));
  return fields;
}
