import { readFileSync } from 'node:fs';
import { compileWorkflow, toMermaid } from '@baton/sdk';
import { describe, expect, it } from 'vitest';
import { SupportTicketWorkflow } from '../src/support-ticket.workflow.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The fenced code between `<!-- name:start -->` and `<!-- name:end -->` in the root README. */
function block(name: string): string {
  // Prettier may put a blank line between a marker and its fence.
  const pattern = `<!-- ${name}:start -->\\n\\n?\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\n\\n?<!-- ${name}:end -->`;
  const match = new RegExp(pattern).exec(readme);
  expect(match, `README block ${name}`).not.toBeNull();
  return match![1];
}

describe('the root README', () => {
  it('shows the example workflow verbatim, so the code it shows compiles', () => {
    const source = readFileSync(new URL('../src/support-ticket.workflow.ts', import.meta.url), 'utf8');
    expect(block('readme-example')).toBe(source);
  });

  it('draws the graph the example really compiles to', () => {
    expect(block('readme-graph')).toBe(toMermaid(compileWorkflow(SupportTicketWorkflow)));
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm run dev');
    expect(readme).toContain('npm test');
  });
});
