import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_BATON_URL, resolveBatonUrl } from './dev-url.js';

describe('resolveBatonUrl (the server npm run fire posts to)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-dev-url-'));
  const file = join(dir, '.baton-dev-url');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes BATON_URL first, then the URL npm run dev wrote, then port 3000', () => {
    const missing = join(dir, 'missing');
    expect(resolveBatonUrl({}, missing)).toBe(DEFAULT_BATON_URL);
    writeFileSync(file, 'http://127.0.0.1:41234/baton\n');
    expect(resolveBatonUrl({}, file)).toBe('http://127.0.0.1:41234/baton');
    expect(resolveBatonUrl({ BATON_URL: 'http://example.test:8080/baton/' }, file)).toBe(
      'http://example.test:8080/baton',
    );
  });

  it('ignores an empty file', () => {
    writeFileSync(file, '\n');
    expect(resolveBatonUrl({}, file)).toBe(DEFAULT_BATON_URL);
  });
});
