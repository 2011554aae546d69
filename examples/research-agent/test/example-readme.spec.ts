import { readFileSync } from 'node:fs';
import { compileWorkflow, toMermaid } from '@baton/sdk';
import { describe, expect, it } from 'vitest';
import { NEVER_GOOD_ENOUGH } from '../src/agents/feedback.js';
import { RESEARCH_TOKEN_BUDGET } from '../src/agents/model-profile.js';
import { ResearchAgentWorkflow } from '../src/research-agent.workflow.js';
import { SAMPLE_RESEARCH } from '../src/sample-research.js';
import { FLAKY_SOURCE } from '../src/services/sources.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe("the example's README", () => {
  it('draws the graph the workflow really compiles to', () => {
    const match = /```mermaid\n([\s\S]*?)```\n/.exec(readme);
    expect(match, 'a mermaid block').not.toBeNull();
    expect(match![1]).toBe(toMermaid(compileWorkflow(ResearchAgentWorkflow)));
  });

  it('gives the commands that build, run and test the example', () => {
    expect(readme).toContain('npm run build');
    expect(readme).toContain('npm run research -w @baton/example-research-agent');
    expect(readme).toContain('npm test -w @baton/example-research-agent');
    expect(readme).toContain('npm run dev');
  });

  it('names every sample with its input, the failing source, the never-approved phrase and the budget', () => {
    for (const [label, input] of Object.entries(SAMPLE_RESEARCH)) {
      expect(readme).toContain(`\`${label}\``);
      expect(readme).toContain(`topic: '${input.topic}'`);
    }
    expect(readme).toContain(FLAKY_SOURCE);
    expect(readme).toContain(NEVER_GOOD_ENOUGH);
    expect(RESEARCH_TOKEN_BUDGET).toBe(20_000);
    expect(readme).toContain('budget: { tokens: 20_000 }');
  });
});
