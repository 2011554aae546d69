/**
 * The workflows of the bull benchmarks, defined with the SDK's register functions (no decorators), shared
 * by the API process (bench/distributed.mjs, bench/scaling-bull.mjs) and the worker processes
 * (bench/bull-worker.mjs): every process registers the same classes, as the bull transport requires.
 */
import { registerParallel, registerRoute, registerStep, registerWorkflow } from '@baton/sdk';
import { ticket, ticketWorkflow } from './ticket-workflow.mjs';

/** `n` no-op async steps `s0 … s{n-1}` in sequence. */
function sequence(name, n) {
  const Workflow = { [name]: class {} }[name];
  for (let i = 0; i < n; i++) {
    Workflow.prototype[`s${i}`] = async function noop() {
      return i;
    };
    registerStep(Workflow, `s${i}`);
  }
  registerWorkflow(Workflow, { name });
  return Workflow;
}

/** One no-op step: a run is one independent job. */
export const OneStep = sequence('bench-one', 1);

/** 10 no-op steps in sequence: each job enqueues the next. */
export const Chain10 = sequence('bench-chain10', 10);

/** 3 no-op steps in sequence, for dispatch latency. */
export const Chain3 = sequence('bench-chain3', 3);

/** Passes of {@link Loop100}: the loop runs its body (`work`, `again`) this many times. */
export const LOOP_PASSES = 100;

/**
 * A loop of {@link LOOP_PASSES} passes (bench/loop-pass.mjs): `work` (no-op), then the route `again` back to
 * `work` until the last pass, then `end`: 2 × 100 + 1 step executions.
 */
export class Loop100 {}
Loop100.prototype.work = async function noop(ctx) {
  return ctx.iteration;
};
Loop100.prototype.again = async function again(ctx) {
  return ctx.iteration < LOOP_PASSES ? 'work' : 'end';
};
Loop100.prototype.end = async function end(ctx) {
  return ctx.results.work;
};
registerStep(Loop100, 'work');
registerRoute(Loop100, 'again', ['work', 'end'], { maxIterations: LOOP_PASSES });
registerStep(Loop100, 'end');
registerWorkflow(Loop100, { name: 'bench-loop100' });

/** As many no-op steps in sequence as a {@link Loop100} run executes (201): its baseline. */
export const Chain201 = sequence('bench-chain201', 2 * LOOP_PASSES + 1);

/** 10 no-op steps in one parallel group (a 10-wide fan-out, all roots). */
export class Fan10 {}
for (let i = 0; i < 10; i++) {
  Fan10.prototype[`p${i}`] = async function noop() {
    return i;
  };
  registerStep(Fan10, `p${i}`);
  registerParallel(Fan10, `p${i}`);
}
registerWorkflow(Fan10, { name: 'bench-fan10' });

/** 10 no-op steps in one parallel group, then a `join` step that waits for all ten (11 steps per run). */
export class Fan10Join {}
for (let i = 0; i < 10; i++) {
  Fan10Join.prototype[`p${i}`] = async function noop() {
    return i;
  };
  registerStep(Fan10Join, `p${i}`);
  registerParallel(Fan10Join, `p${i}`);
}
Fan10Join.prototype.join = async function join(ctx) {
  return Object.keys(ctx.results).length;
};
registerStep(Fan10Join, 'join');
registerWorkflow(Fan10Join, { name: 'bench-fan10-join' });

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on one machine. */
const preciseNow = () => performance.timeOrigin + performance.now();

/** Steps of {@link Chain500}. */
export const CHAIN500_STEPS = 500;

/**
 * 500 no-op steps `s0 … s499` in sequence (bench/step-index.mjs): each returns `{ s, e }`, the precise
 * epoch ms at which its body started and ended, so the gap from step k's end to step k+1's start can be
 * read from the run's step outputs.
 */
export const Chain500 = { 'bench-chain500': class {} }['bench-chain500'];
for (let i = 0; i < CHAIN500_STEPS; i++) {
  Chain500.prototype[`s${i}`] = async function timed() {
    const s = preciseNow();
    return { s, e: preciseNow() };
  };
  registerStep(Chain500, `s${i}`);
}
registerWorkflow(Chain500, { name: 'bench-chain500' });

/** The support-ticket workflow (see ticket-workflow.mjs) as `bench-ticket`, and its inputs. */
export const TicketFlow = ticketWorkflow('bench-ticket');
export { ticket };

/** Every workflow class, as Nest providers. */
export const benchWorkflows = [OneStep, Chain10, Chain3, Fan10, Fan10Join, Chain500, TicketFlow, Loop100, Chain201];
