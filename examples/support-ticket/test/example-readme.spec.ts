import { readFileSync } from 'node:fs';
import { compileWorkflow, toMermaid } from '@baton/sdk';
import { describe, expect, it } from 'vitest';
import { HANGING_CUSTOMERS } from '../src/services/crm.service.js';
import { SupportTicketWorkflow } from '../src/support-ticket.workflow.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe("the example's README", () => {
  it('draws the graph the workflow really compiles to', () => {
    const match = /```mermaid\n([\s\S]*?)```\n/.exec(readme);
    expect(match, 'a mermaid block').not.toBeNull();
    expect(match![1]).toBe(toMermaid(compileWorkflow(SupportTicketWorkflow)));
  });

  it('gives the commands that build, run and test the example', () => {
    expect(readme).toContain('npm run build');
    expect(readme).toContain('npm run tickets -w @baton/example-support-ticket');
    expect(readme).toContain('npm test -w @baton/example-support-ticket');
  });

  it('names the customers whose lookup hangs', () => {
    for (const email of HANGING_CUSTOMERS) expect(readme).toContain(email);
  });
});
