import { describe, expect, it } from 'vitest';
import {
  Delay,
  Fallback,
  Parallel,
  Retry,
  Route,
  Step,
  Timeout,
  WaitFor,
  Workflow,
  type StepContext,
} from '../index.js';
import { registerDelay, registerStep, registerWaitFor, registerWorkflow } from '../metadata/register.js';
import { compileWorkflow, compileWorkflowDefinition } from './compile-workflow.js';
import type { WorkflowGraph } from './workflow-graph.js';
import { Approval, RefundWorkflow } from '../../test/fixtures/refund.workflow.js';

const step = (graph: WorkflowGraph, name: string) => graph.steps.find((s) => s.name === name)!;
const RETRY = { attempts: 1, backoff: 'exponential', delay: 1000, jitter: 0 };

describe('compileWorkflow waits and delays', () => {
  it('puts wait and delay on the node after every existing key, and lists the signals last', () => {
    const graph = compileWorkflow(RefundWorkflow);
    expect(JSON.stringify(step(graph, 'review'))).toBe(
      JSON.stringify({
        name: 'review',
        kind: 'step',
        dependsOn: ['assess'],
        retry: RETRY,
        fallback: true,
        wait: { signal: 'approve', timeoutMs: 86_400_000, payload: 'Approval' },
      }),
    );
    expect(JSON.stringify(step(graph, 'pay'))).toBe(
      JSON.stringify({
        name: 'pay',
        kind: 'step',
        dependsOn: ['decide'],
        retry: RETRY,
        fallback: false,
        delay: { ms: 5000 },
      }),
    );
    expect(step(graph, 'chase').delay).toEqual({ dynamic: true });
    expect(step(graph, 'close').wait).toEqual({ signal: 'receipt.confirmed' });
    expect(step(graph, 'decline')).not.toHaveProperty('wait');
    expect(step(graph, 'decline')).not.toHaveProperty('delay');
    expect(Object.keys(graph)).toEqual(['name', 'version', 'steps', 'signals']);
    expect(graph.signals).toEqual(['approve', 'receipt.confirmed']);
  });

  it('hands the payload class and the delay function to the runtime beside the graph', () => {
    const { steps } = compileWorkflowDefinition(RefundWorkflow);
    expect(steps.review.waitPayload).toBe(Approval);
    expect(steps.close).not.toHaveProperty('waitPayload');
    expect(steps.pay).not.toHaveProperty('delay');
    const ctx = { results: { assess: { amount: 1, retryAfterMs: 60_000 } } } as unknown as StepContext;
    expect(steps.chase.delay?.(ctx)).toBe(60_000);
  });

  it('lists each signal once, sorted, however many steps wait for it', () => {
    @Workflow()
    class Many {
      @WaitFor('zeta') @Step() a() {}
      @WaitFor('alpha') @Step() b() {}
      @WaitFor('zeta') @Step() c() {}
      @WaitFor('Beta') @Step() d() {}
    }
    expect(compileWorkflow(Many).signals).toEqual(['Beta', 'alpha', 'zeta']);
  });

  it('leaves out signals, wait and delay when nothing waits', () => {
    @Workflow()
    class Plain {
      @Step() a() {}
    }
    const graph = compileWorkflow(Plain);
    expect(graph).not.toHaveProperty('signals');
    expect(Object.keys(graph.steps[0])).toEqual(['name', 'kind', 'dependsOn', 'retry', 'fallback']);
  });

  it('accepts @Delay(0), a wait on a route, and waits for one name in different blocks', () => {
    @Workflow()
    class Fine {
      @Delay(0) @Step() now() {}
      @WaitFor('decision') @Route(['yes', 'no']) decide() {
        return 'yes';
      }
      @WaitFor('go') @Step() yes() {}
      @Step() no() {}
      @WaitFor('go') @Step() again() {}
      @Parallel() @WaitFor('go') @Step() left() {}
      @Parallel() @WaitFor('other') @Step() right() {}
    }
    const graph = compileWorkflow(Fine);
    expect(step(graph, 'now').delay).toEqual({ ms: 0 });
    expect(step(graph, 'decide')).toMatchObject({ kind: 'route', wait: { signal: 'decision' } });
    expect(graph.signals).toEqual(['decision', 'go', 'other']);
  });

  it('combines with retry, timeout and fallback, in any decorator order', () => {
    const fallback = () => null;
    @Workflow({ name: 'order' })
    class WaitFirst {
      @WaitFor('ok', { timeout: 1000 }) @Retry(2) @Timeout(50) @Fallback(fallback) @Step() a() {}
      @Delay(10) @Step() b() {}
    }
    @Workflow({ name: 'order' })
    class WaitLast {
      @Step() @Fallback(fallback) @Timeout(50) @Retry(2) @WaitFor('ok', { timeout: 1000 }) a() {}
      @Step() @Delay(10) b() {}
    }
    expect(JSON.stringify(compileWorkflow(WaitLast))).toBe(JSON.stringify(compileWorkflow(WaitFirst)));
  });

  it('compiles registerWaitFor and registerDelay exactly like the decorators', () => {
    class Registered {
      review() {}
      pay() {}
    }
    registerWorkflow(Registered, { name: 'registered' });
    registerStep(Registered, 'review');
    registerWaitFor(Registered, 'review', 'approve', { payload: Approval, timeout: 60_000 });
    registerStep(Registered, 'pay');
    registerDelay(Registered, 'pay', 5_000);
    @Workflow({ name: 'registered' })
    class Decorated {
      @WaitFor('approve', { payload: Approval, timeout: 60_000 }) @Step() review() {}
      @Delay(5_000) @Step() pay() {}
    }
    expect(JSON.stringify(compileWorkflow(Registered))).toBe(JSON.stringify(compileWorkflow(Decorated)));
  });

  it('changes the version when a wait or delay is added', () => {
    @Workflow({ name: 'same' })
    class Before {
      @Step() a() {}
    }
    @Workflow({ name: 'same' })
    class Waits {
      @WaitFor('go') @Step() a() {}
    }
    @Workflow({ name: 'same' })
    class Delays {
      @Delay(1) @Step() a() {}
    }
    const versions = [Before, Waits, Delays].map((target) => compileWorkflow(target).version);
    expect(new Set(versions).size).toBe(3);
  });
});
