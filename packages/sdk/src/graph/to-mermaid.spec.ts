import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Parallel, Step, Workflow } from '../index.js';
import { compileWorkflow } from './compile-workflow.js';
import { toMermaid } from './to-mermaid.js';
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
});
