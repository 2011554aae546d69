import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Fallback, Parallel, Retry, Route, Step, Timeout, Workflow } from '../index.js';
import { compileWorkflow } from './compile-workflow.js';
import { toMermaid } from './to-mermaid.js';
import { SupportTicketWorkflow } from '../../test/fixtures/support-ticket.workflow.js';

/** Every feature that existed before joins, loops and budgets, and none of those. */
@Workflow({ name: 'plain', output: 'done', description: 'No loops, joins or budget.' })
class Plain {
  @Step({ description: 'Plans.' }) plan() {}
  @Route(['left', 'right']) pick() {
    return 'left';
  }
  @Step() left() {}
  @Step() right() {}
  @Parallel({ forEach: () => [], concurrency: 2 })
  @Retry({ attempts: 3, backoff: 'fixed', delay: 5, maxDelay: 10, jitter: 0.5 })
  @Step()
  each() {}
  @Parallel('io') @Timeout(50) @Step() x() {}
  @Parallel('io') @Fallback(() => 1) @Step({ after: ['plan'] }) y() {}
  @Step() done() {}
}

// Recorded before joins, loops and budgets were added: a graph that uses none of them must not change by a
// byte, nor its version hash, so runs recorded under it keep their version.
const PLAIN_JSON =
  '{"name":"plain","version":"b73420bf","description":"No loops, joins or budget.","output":"done","steps":[' +
  '{"name":"plan","kind":"step","dependsOn":[],"retry":{"attempts":1,"backoff":"exponential","delay":1000,"jitter":0},"fallback":false,"description":"Plans."},' +
  '{"name":"pick","kind":"route","dependsOn":["plan"],"routes":["left","right"],"retry":{"attempts":1,"backoff":"exponential","delay":1000,"jitter":0},"fallback":false},' +
  '{"name":"left","kind":"step","dependsOn":["pick"],"retry":{"attempts":1,"backoff":"exponential","delay":1000,"jitter":0},"fallback":false},' +
  '{"name":"right","kind":"step","dependsOn":["pick"],"retry":{"attempts":1,"backoff":"exponential","delay":1000,"jitter":0},"fallback":false},' +
  '{"name":"each","kind":"forEach","dependsOn":["left","right"],"retry":{"attempts":3,"backoff":"fixed","delay":5,"jitter":0.5,"maxDelay":10},"fallback":false,"concurrency":2},' +
  '{"name":"x","kind":"step","dependsOn":["each"],"group":"io","retry":{"attempts":1,"backoff":"exponential","delay":1000,"jitter":0},"timeoutMs":50,"fallback":false},' +
  '{"name":"y","kind":"step","dependsOn":["plan"],"group":"io","retry":{"attempts":1,"backoff":"exponential","delay":1000,"jitter":0},"fallback":true},' +
  '{"name":"done","kind":"step","dependsOn":["x","y"],"retry":{"attempts":1,"backoff":"exponential","delay":1000,"jitter":0},"fallback":false}]}';

const PLAIN_MERMAID = [
  'flowchart TD',
  '  plan["plan"]',
  '  pick{"pick"}',
  '  left["left"]',
  '  right["right"]',
  '  each[["each<br/><small>forEach ×2 · retry 3</small>"]]',
  '  subgraph group_io["parallel: io"]',
  '    x["x<br/><small>timeout 50 ms</small>"]',
  '    y["y<br/><small>fallback</small>"]',
  '  end',
  '  done["done"]',
  '  plan --> pick',
  '  pick -.->|left| left',
  '  pick -.->|right| right',
  '  left --> each',
  '  right --> each',
  '  each --> x',
  '  plan --> y',
  '  x --> done',
  '  y --> done',
  '',
].join('\n');

describe('graphs without joins, loops or budgets', () => {
  it('compile byte for byte as before, version included', () => {
    expect(JSON.stringify(compileWorkflow(Plain))).toBe(PLAIN_JSON);
  });

  it('keep the support-ticket graph recorded in test/expected/support-ticket.graph.json (no new keys)', () => {
    const expected: unknown = JSON.parse(
      readFileSync(new URL('../../test/expected/support-ticket.graph.json', import.meta.url), 'utf8'),
    );
    expect(JSON.stringify(compileWorkflow(SupportTicketWorkflow))).toBe(JSON.stringify(expected));
  });

  it('render to the same Mermaid as before', () => {
    expect(toMermaid(compileWorkflow(Plain))).toBe(PLAIN_MERMAID);
  });
});
