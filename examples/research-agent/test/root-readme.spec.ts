import { readFileSync } from 'node:fs';
import { compileWorkflow } from '@baton/sdk';
import { createTestingRuntime } from '@baton/runtime/testing';
import { describe, expect, it } from 'vitest';
import { EssayModel } from '../src/essay/essay.model.js';
import { EssayWorkflow } from '../src/essay/essay.workflow.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe("the root README's loop and budget example", () => {
  it('shows essay.workflow.ts verbatim', () => {
    const match = /<!-- readme-loop:start -->\n\n?```ts\n([\s\S]*?)```\n\n?<!-- readme-loop:end -->/.exec(readme);
    expect(match, 'the readme-loop block').not.toBeNull();
    const source = readFileSync(new URL('../src/essay/essay.workflow.ts', import.meta.url), 'utf8');
    expect(match![1]).toBe(source);
  });

  it('compiles to a loop with its cap and a budget, and runs two passes within the budget', async () => {
    const graph = compileWorkflow(EssayWorkflow);
    expect(graph.loops).toEqual([
      { router: 'decide', target: 'write', body: ['write', 'critique', 'decide'], maxIterations: 3 },
    ]);
    expect(graph.budget).toEqual({ tokens: 10_000 });
    const runtime = await createTestingRuntime({ workflows: [EssayWorkflow], providers: [EssayModel] });
    try {
      const { runId, result } = await runtime.client.start('essay', { topic: 'Tides' });
      await expect(result()).resolves.toBe('Tides: an argument, and a conclusion.');
      const run = await runtime.client.getRun(runId);
      expect(run.steps.write).toMatchObject({ iteration: 2, usage: { tokens: 2_400 } });
      expect(run.usage).toEqual({ steps: 7, tokens: 3_200 });
    } finally {
      await runtime.close();
    }
  });
});
