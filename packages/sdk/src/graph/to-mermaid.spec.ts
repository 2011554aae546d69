import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Delay, Fallback, Parallel, Retry, Route, Step, WaitFor, Workflow } from '../index.js';
import { compileWorkflow } from './compile-workflow.js';
import { toMermaid } from './to-mermaid.js';
import { EssayWorkflow } from '../../test/fixtures/essay.workflow.js';
import { RefundWorkflow } from '../../test/fixtures/refund.workflow.js';
import { SupportTicketWorkflow } from '../../test/fixtures/support-ticket.workflow.js';

describe('toMermaid', () => {
  it('renders the support-ticket graph as committed in test/expected/support-ticket.mmd', () => {
    const expected = readFileSync(new URL('../../test/expected/support-ticket.mmd', import.meta.url), 'utf8');
    expect(toMermaid(compileWorkflow(SupportTicketWorkflow))).toBe(expected);
  });

  it('renders forEach steps, named groups and reserved words safely', () => {
    @Workflow()
    class Shapes {
      @Parallel({ forEach: () => [], concurrency: 3 }) @Step() items() {}
      @Parallel('io') @Step() end() {}
      @Parallel('io') @Step() graph() {}
    }
    expect(toMermaid(compileWorkflow(Shapes))).toBe(
      [
        'flowchart TD',
        '  items[["items<br/><small>forEach ×3</small>"]]',
        '  subgraph group_io["parallel: io"]',
        '    end_["end"]',
        '    graph_["graph"]',
        '  end',
        '  items --> end_',
        '  items --> graph_',
        '',
      ].join('\n'),
    );
  });

  it('draws each loop as a dotted edge from its route back to its target, labelled with the cap, after the others', () => {
    const expected = readFileSync(new URL('../../test/expected/essay.mmd', import.meta.url), 'utf8');
    const rendered = toMermaid(compileWorkflow(EssayWorkflow));
    expect(rendered).toBe(expected);
    expect(rendered.trimEnd().split('\n').at(-1)).toBe('  critique -.->|"loop ≤3"| write');
  });

  it('shows a join in the node label notes, before the recovery settings', () => {
    @Workflow()
    class Joined {
      @Parallel() @Step() a() {}
      @Parallel() @Step() b() {}
      @Retry(2) @Step({ join: 'any' }) first() {}
      @Route(['end'], { after: ['a', 'b'], join: 'allSettled' }) pick() {
        return 'end';
      }
      @Step() end() {}
    }
    expect(toMermaid(compileWorkflow(Joined))).toBe(
      [
        'flowchart TD',
        '  subgraph group_parallel_a["parallel"]',
        '    a["a"]',
        '    b["b"]',
        '  end',
        '  first["first<br/><small>join: any · retry 2</small>"]',
        '  pick{"pick<br/><small>join: allSettled</small>"}',
        '  end_["end"]',
        '  a --> first',
        '  b --> first',
        '  a --> pick',
        '  b --> pick',
        '  pick -.->|end| end_',
        '',
      ].join('\n'),
    );
  });

  it('notes waits (with a human timeout) and delays (fixed or dynamic), as committed in test/expected/refund.mmd', () => {
    const expected = readFileSync(new URL('../../test/expected/refund.mmd', import.meta.url), 'utf8');
    expect(toMermaid(compileWorkflow(RefundWorkflow))).toBe(expected);
  });

  it('places the wait or delay note after a join and before the recovery settings', () => {
    @Workflow()
    class Notes {
      @Parallel() @Step() a() {}
      @Parallel() @Step() b() {}
      @WaitFor('go', { timeout: 90_000 }) @Retry(2) @Fallback(() => null) @Step({ join: 'any' }) first() {}
      @Delay(1500) @Step() soon() {}
      @Delay(() => 1) @Route(['last']) later() {
        return 'last';
      }
      @Step() last() {}
    }
    const labels = toMermaid(compileWorkflow(Notes))
      .split('\n')
      .filter((line) => line.includes('<small>'));
    expect(labels).toEqual([
      '  first["first<br/><small>join: any · waits go ≤ 90 s · retry 2 · fallback</small>"]',
      '  soon["soon<br/><small>delay 1500 ms</small>"]',
      '  later{"later<br/><small>delay (dynamic)</small>"}',
    ]);
  });
});
