import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Parallel, Retry, Route, Step, Workflow } from '../index.js';
import { compileWorkflow } from './compile-workflow.js';
import { toMermaid } from './to-mermaid.js';
import { EssayWorkflow } from '../../test/fixtures/essay.workflow.js';
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
});
